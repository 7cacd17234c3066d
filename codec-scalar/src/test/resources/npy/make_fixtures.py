#!/usr/bin/env python3
"""Generates the .npy fixtures used by dev.lilcom.io.NpyTest.

NOT run by the build: CI has no numpy, so the produced files are committed and
this script is kept only to document (and, if ever needed, regenerate) them.
Written against numpy 2.4; run from this directory:  python3 make_fixtures.py

Element values are a pure function of the C-order flat index i, so the Java
test recomputes the expected values instead of storing them:
    float64: (i - 7) / 3.0
    float32: the float64 value cast to float32 (numpy astype == Java (float))

File names:
    grid_{f4|f8}_{le|be}_{C|F}_v{1|2|3}_{shape}.npy  numpy.lib.format.write_array
    save_{f4|f8}_{shape}.npy      np.save output; Npy.write must reproduce it byte for byte
    save_{f4|f8}_aligned.npy      np.save of an all-ones shape whose header needs a full 64-byte pad
    special_{f4|f8}_{le|be}.npy   NaN/inf/-0/subnormal/extremes, checked bit for bit
    unsupported_*.npy             dtypes the reader must reject
Shapes are spelled with 'x' (2x3x4), 'scalar' for a 0-d array.
"""
import io
import os

import numpy as np
from numpy.lib import format as npformat


def values(shape, dtype):
    n = int(np.prod(shape, dtype=np.int64))
    v = (np.arange(n, dtype=np.float64) - 7) / 3.0
    return v.astype(dtype).reshape(shape)


def shape_name(shape):
    return "x".join(str(d) for d in shape) if shape else "scalar"


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


def with_version(arr, version):
    buf = io.BytesIO()
    npformat.write_array(buf, arr, version=version)
    return buf.getvalue()


def saved(arr):
    buf = io.BytesIO()
    np.save(buf, arr)
    return buf.getvalue()


def main():
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    for old in os.listdir("."):
        if old.endswith(".npy"):
            os.remove(old)

    # Full grid on the shapes where memory order matters.
    for kind in ("f4", "f8"):
        for endian, prefix in (("le", "<"), ("be", ">")):
            for order in ("C", "F"):
                for version in (1, 2, 3):
                    for shape in ((3, 4), (2, 3, 4)):
                        a = np.asarray(values(shape, prefix + kind), order=order)
                        assert a.flags.f_contiguous if order == "F" else a.flags.c_contiguous
                        write(f"grid_{kind}_{endian}_{order}_v{version}_{shape_name(shape)}.npy",
                              with_version(a, (version, 0)))
            # 1-d and 0-d arrays: numpy always stores these with fortran_order False.
            for shape in ((5,), (1,), ()):
                a = values(shape, prefix + kind)
                write(f"grid_{kind}_{endian}_C_v1_{shape_name(shape)}.npy", with_version(a, (1, 0)))
    write("grid_f4_le_C_v3_scalar.npy", with_version(values((), "<f4"), (3, 0)))
    write("grid_f8_be_C_v2_5.npy", with_version(values((5,), ">f8"), (2, 0)))

    # np.save byte-equality: a spread of header lengths (shape[0] digit counts,
    # ranks, empty arrays) so the padding arithmetic is exercised.
    save_shapes = [(5,), (1,), (), (7, 5), (3, 4), (2, 3, 4), (0, 80), (0,),
                   (1, 1, 1, 1, 1, 1, 1, 1, 2), (1234567890, 0), (13, 1, 2)]
    # A shape whose unpadded preamble+header is an exact multiple of 64, where
    # numpy pads a full extra 64 bytes rather than none.
    aligned = None
    for k in range(1, 64):
        shape = (1,) * k
        d = {"descr": "<f4", "fortran_order": False, "shape": shape}
        header = "{" + "".join(f"'{key}': {d[key]!r}, " for key in sorted(d)) + "}"
        header += " " * (npformat.GROWTH_AXIS_MAX_DIGITS - len(repr(shape[0])))
        if (6 + 2 + len(header) + 1) % 64 == 0:
            aligned = shape
            break
    assert aligned is not None
    for kind in ("f4", "f8"):
        for shape in save_shapes:
            write(f"save_{kind}_{shape_name(shape)}.npy", saved(values(shape, "<" + kind)))
        write(f"save_{kind}_aligned.npy", saved(values(aligned, "<" + kind)))

    special64 = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, 5e-324, 2.2250738585072014e-308,
                          1.7976931348623157e308, -1.0, 1.0 / 3.0], dtype=np.float64)
    special32 = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-45, 1.17549435e-38,
                          3.4028235e38, -1.0, 1.0 / 3.0], dtype=np.float32)
    for endian, prefix in (("le", "<"), ("be", ">")):
        write(f"special_f4_{endian}.npy", saved(special32.astype(prefix + "f4")))
        write(f"special_f8_{endian}.npy", saved(special64.astype(prefix + "f8")))

    write("unsupported_i8.npy", saved(np.arange(3, dtype="<i8")))
    write("unsupported_f2.npy", saved(np.arange(3, dtype="<f2")))
    write("unsupported_c8.npy", saved(np.arange(3, dtype="<c8")))
    write("unsupported_structured.npy", saved(np.zeros(2, dtype=[("a", "<f4"), ("b", "<f4")])))

    print("aligned shape has", len(aligned), "dims;", sum(os.path.getsize(f) for f in os.listdir(".") if f.endswith(".npy")), "bytes")


if __name__ == "__main__":
    main()
