/* ghatna._native — the coder's front in C: three loops over a text's characters that Python can only
 * run as several regular-expression passes. It holds no language data: each pack builds its tables
 * from its own rules (ghatna/lang/base.py, ghatna/lang/gu/morphology.py), and each function gives the
 * same result as the Python it stands for, or None when the text holds a character it leaves to Python.
 * Built by setup.py beside the mypyc modules; without a C compiler the Python paths run alone.
 *
 *   count_range(text, lo, hi, limit) -> int
 *       how many of the first `limit` characters are between lo and hi (both included)
 *   map_chars(text, table) -> str | None
 *       each character replaced by its one-character image in `table` (char_table());
 *       None when one of them maps to nothing, which changes the offsets
 *   scan_text(text, table) -> str | None
 *       the text as the lexicon scan reads it (scan_table()): folded, the dots of abbreviations
 *       removed, every other non-letter a space, with a space before and after; None for a
 *       character outside ASCII, the script's block and common punctuation
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* ---- count_range ---------------------------------------------------------------------------- */

static PyObject *
count_range(PyObject *Py_UNUSED(self), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "count_range(text: str, lo: int, hi: int, limit: int)");
        return NULL;
    }
    long lo = PyLong_AsLong(args[1]), hi = PyLong_AsLong(args[2]);
    Py_ssize_t limit = PyLong_AsSsize_t(args[3]);
    if (PyErr_Occurred())
        return NULL;
    PyObject *text = args[0];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (limit < n)
        n = limit < 0 ? 0 : limit;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t count = 0;
    if (hi < lo || lo > 0x10FFFF || hi < 0)
        return PyLong_FromSsize_t(0);
    const Py_UCS4 low = lo < 0 ? 0 : (Py_UCS4)lo, span = (Py_UCS4)(hi > 0x10FFFF ? 0x10FFFF : hi) - low;
    /* one loop for each width of the text's characters; c - low <= span tests low <= c <= hi */
    if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *src = PyUnicode_2BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < n; i++)
            count += (Py_UCS4)src[i] - low <= span;
    } else if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *src = PyUnicode_1BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < n; i++)
            count += (Py_UCS4)src[i] - low <= span;
    } else {
        for (Py_ssize_t i = 0; i < n; i++)
            count += PyUnicode_READ(kind, data, i) - low <= span;
    }
    return PyLong_FromSsize_t(count);
}

/* ---- map_chars ------------------------------------------------------------------------------ */

/* table: a bitmap of 65536 bits (which BMP characters have an image), then sorted pairs of uint32
 * (character, image), an image of 0xFFFFFFFF meaning "removed". Characters beyond the BMP are looked
 * up in the pairs directly. */
#define MAP_BITS 8192
#define REMOVED 0xFFFFFFFFu

static int
lookup(const uint32_t *pairs, Py_ssize_t npairs, Py_UCS4 c, uint32_t *image)
{
    Py_ssize_t lo = 0, hi = npairs - 1;
    while (lo <= hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        uint32_t key = pairs[2 * mid];
        if (key == c) {
            *image = pairs[2 * mid + 1];
            return 1;
        }
        if (key < c)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

static PyObject *
map_chars(PyObject *Py_UNUSED(self), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "map_chars(text: str, table: bytes)");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t size = PyBytes_GET_SIZE(args[1]);
    if (size < MAP_BITS || (size - MAP_BITS) % 8 != 0) {
        PyErr_SetString(PyExc_ValueError, "map_chars: not a table made by char_table()");
        return NULL;
    }
    const unsigned char *bits = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    const uint32_t *pairs = (const uint32_t *)(bits + MAP_BITS);
    Py_ssize_t npairs = (size - MAP_BITS) / 8;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 *out = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        uint32_t image;
        if (c < 0x10000 && !(bits[c >> 3] & (1u << (c & 7))))
            continue;
        if (!lookup(pairs, npairs, c, &image))
            continue;
        if (image == REMOVED) {
            PyMem_Free(out);
            Py_RETURN_NONE;
        }
        if (out == NULL) {
            out = PyUnicode_AsUCS4Copy(text);
            if (out == NULL)
                return NULL;
        }
        out[i] = (Py_UCS4)image;
    }
    if (out == NULL)
        return Py_NewRef(text);
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    return result;
}

/* ---- scan_text ------------------------------------------------------------------------------ */

/* table: uint32 block (the first code point of the script's block of 128), uint32 virama, uint32
 * anusvara, then 128 uint32 folds (the image of each character of the block; REMOVED: dropped), then
 * 128 bytes of flags. */
#define NASAL 1u
#define CONSONANT 2u
#define SCAN_TABLE (3 * 4 + 128 * 4 + 128)

/* Characters outside ASCII and the block that the scan reads here: the danda and double danda, the
 * General Punctuation block and the currency signs. None has a case, so folding leaves them as they
 * are. */
static inline int
handled(Py_UCS4 c)
{
    return (c >= 0x0964 && c <= 0x0965) || (c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF);
}

/* \w of Python's re for these characters: a letter or digit, or the underscore */
static inline int
word_char(Py_UCS4 c, Py_UCS4 block)
{
    if (c > block && c < block + 128)
        return 1;
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    return Py_UNICODE_ISALNUM(c);
}

static PyObject *
scan_text(PyObject *Py_UNUSED(self), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "scan_text(text: str, table: bytes)");
        return NULL;
    }
    if (PyBytes_GET_SIZE(args[1]) != SCAN_TABLE) {
        PyErr_SetString(PyExc_ValueError, "scan_text: not a table made by scan_table()");
        return NULL;
    }
    const uint32_t *head = (const uint32_t *)PyBytes_AS_STRING(args[1]);
    const Py_UCS4 block = head[0], virama = head[1], anusvara = head[2];
    const uint32_t *folds = head + 3;
    const unsigned char *flags = (const unsigned char *)(head + 3 + 128);

    PyObject *text = args[0];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* every character kept is in the BMP: two bytes each */
    Py_UCS2 small[2 * 512 + 2];
    Py_UCS2 *folded = small, *out;
    if (n > 512) {
        folded = PyMem_Malloc((2 * (size_t)n + 2) * sizeof(Py_UCS2));
        if (folded == NULL)
            return PyErr_NoMemory();
    }
    out = folded + n;

    /* 1. the folds, ASCII lower-cased (one loop for each width of the text's characters) */
    Py_ssize_t m = 0;
    int ok = 1;
#define FOLD_LOOP(TYPE)                                                      \
    do {                                                                     \
        const TYPE *src = (const TYPE *)data;                                \
        for (Py_ssize_t i = 0; i < n; i++) {                                 \
            Py_UCS4 c = src[i];                                              \
            if (c < 0x80) {                                                  \
                folded[m++] = (Py_UCS2)((c >= 'A' && c <= 'Z') ? c + 32 : c); \
            } else if (c - block < 128) {                                    \
                uint32_t f = folds[c - block];                               \
                if (f != REMOVED)                                            \
                    folded[m++] = (Py_UCS2)f;                                \
            } else if (handled(c)) {                                         \
                folded[m++] = (Py_UCS2)c;                                    \
            } else {                                                         \
                ok = 0;                                                      \
                break;                                                       \
            }                                                                \
        }                                                                    \
    } while (0)
    if (kind == PyUnicode_2BYTE_KIND)
        FOLD_LOOP(Py_UCS2);
    else if (kind == PyUnicode_1BYTE_KIND)
        FOLD_LOOP(Py_UCS1);
    else
        FOLD_LOOP(Py_UCS4);
#undef FOLD_LOOP
    if (!ok) {
        if (folded != small)
            PyMem_Free(folded);
        Py_RETURN_NONE;
    }
    /* 2. a nasal consonant and virama before a consonant is the anusvara; every other virama goes */
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < m; i++) {
        Py_UCS4 c = folded[i];
        if (c == virama)
            continue;
        if (c > block && c < block + 128 && (flags[c - block] & NASAL) && i + 2 < m && folded[i + 1] == virama) {
            Py_UCS4 next = folded[i + 2];
            if (next > block && next < block + 128 && (flags[next - block] & CONSONANT)) {
                folded[k++] = (Py_UCS2)anusvara;
                i++;
                continue;
            }
        }
        folded[k++] = (Py_UCS2)c;
    }
    m = k;
    /* 3. a dot between two word characters goes; every other character that is not a letter (in the
     * block, or a letter and not a digit, nor the underscore) is a space */
    Py_ssize_t o = 0;
    Py_UCS4 top = ' ';
    out[o++] = ' ';
    for (Py_ssize_t i = 0; i < m; i++) {
        Py_UCS4 c = folded[i];
        if (c == '.' && i > 0 && i + 1 < m && word_char(folded[i - 1], block) && word_char(folded[i + 1], block))
            continue;
        if (c < 0x80) {
            if (!((c >= 'a' && c <= 'z') || c == ' '))
                c = ' ';  /* upper case is gone already */
        } else if (!(c > block && c < block + 128) && !(Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c))) {
            c = ' ';
        }
        if (c > top)
            top = c;
        out[o++] = (Py_UCS2)c;
    }
    out[o++] = ' ';
    PyObject *result = PyUnicode_New(o, top);
    if (result != NULL) {
        if (PyUnicode_KIND(result) == PyUnicode_2BYTE_KIND) {
            memcpy(PyUnicode_2BYTE_DATA(result), out, (size_t)o * sizeof(Py_UCS2));
        } else {
            Py_UCS1 *dst = PyUnicode_1BYTE_DATA(result);
            for (Py_ssize_t i = 0; i < o; i++)
                dst[i] = (Py_UCS1)out[i];
        }
    }
    if (folded != small)
        PyMem_Free(folded);
    return result;
}

static PyMethodDef methods[] = {
    {"count_range", (PyCFunction)(void (*)(void))count_range, METH_FASTCALL,
     "count_range(text, lo, hi, limit): how many of the first limit characters are in lo..hi"},
    {"map_chars", (PyCFunction)(void (*)(void))map_chars, METH_FASTCALL,
     "map_chars(text, table): each character by its image in table, or None if one is removed"},
    {"scan_text", (PyCFunction)(void (*)(void))scan_text, METH_FASTCALL,
     "scan_text(text, table): the text as the lexicon scan reads it, or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "ghatna._native", "The coder's front in C (see the source).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__native(void)
{
    return PyModule_Create(&module);
}
