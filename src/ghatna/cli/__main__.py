from ghatna.cli import main

main()
