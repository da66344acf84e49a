"""Shrink the ICU data library Qt brings (libicudata, 32 MB) to what Qt reads from it.

Qt calls ICU for collation (QCollator), case mapping, text codecs (QStringConverter) and time-zone
display names; never for ICU's own number, currency or unit formatting, language names,
transliteration or break iterators (Qt has its own CLDR data and text boundaries). Those
resource trees go (~14 MB). So do the conversion tables (`*.cnv`, ~5 MB): QStringConverter opens
an ICU converter only for an encoding named at run time beyond its own UTF-8/16/32 and Latin-1
(`QStringDecoder("Shift-JIS")`, an XML or HTML file declaring another charset), and ChurnWatch
names none (its files are read by Python, its SVGs are UTF-8; an `LD_PRELOAD` shim logging
`ucnv_open` saw no call through every page, Customer 360 and the UI tests). The alias table
stays, so such a name still resolves and fails cleanly (an invalid decoder). Character names
(`unames.icu`), the spoof checker's data and the StringPrep profiles go too: Qt calls none of
`u_charName`, `uspoof_*`, `usprep_*` (only `ucol_*`, `ucal_*`, `ucnv_*` and `u_strTo*`). The rest
is repacked, unchanged, into a library that exports the same symbol (`icudtNN_dat`). Needs ICU's
`icupkg` (Debian: icu-devtools), binutils' `readelf` and a C compiler; without them the library
stays whole, with a warning.

Run by churnwatch.spec after COLLECT: `python trim_icu.py DIST_INTERNAL_DIR`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# A `readelf -Ws` row: value, size, type, bind, visibility, section index, name.
SYMBOL_ROW = r"([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+(icudt\d+_dat)"
UNUSED_TREES = ("curr/", "lang/", "unit/", "rbnf/", "translit/", "brkitr/")
UNUSED_ITEMS = (".cnv", ".spp", "unames.icu", "confusables.cfu")


def data_symbol(lib: Path) -> tuple[str, int, int]:
    """The data blob's symbol name, file offset and size."""
    symbols = subprocess.run(
        ["readelf", "-Ws", "--dyn-syms", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(SYMBOL_ROW, symbols)
    if not found:
        raise ValueError("no icudtNN_dat symbol")
    address, size, index, name = int(found[1], 16), int(found[2], 0), int(found[3]), found[4]
    sections = subprocess.run(
        ["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    row = re.search(rf"\[\s*{index}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not row:
        raise ValueError(f"no section {index}")
    return name, address - int(row[1], 16) + int(row[2], 16), size


def trim(lib: Path) -> int:
    """Replace `lib` with its trimmed copy; the bytes saved."""
    name, offset, size = data_symbol(lib)
    stem = name.removesuffix("_dat") + "l"  # icudt73l: little-endian, the name icupkg expects
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "out").mkdir()
        with lib.open("rb") as f:
            f.seek(offset)
            (work / "in" / f"{stem}.dat").write_bytes(f.read(size))
        items = subprocess.run(
            ["icupkg", "-l", f"in/{stem}.dat"], cwd=work, capture_output=True, text=True, check=True
        ).stdout.split()
        unused = [i for i in items if i.startswith(UNUSED_TREES) or i.endswith(UNUSED_ITEMS)]
        (work / "unused.txt").write_text("\n".join(unused) + "\n")
        subprocess.run(
            ["icupkg", "-r", "unused.txt", f"in/{stem}.dat", f"out/{stem}.dat"],
            cwd=work,
            check=True,
        )
        (work / "data.S").write_text(
            f".section .rodata\n.globl {name}\n.type {name},@object\n.balign 16\n{name}:\n"
            f'.incbin "out/{stem}.dat"\n.size {name}, .-{name}\n'
            '.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            ["cc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", "lib.so", "data.S"],
            cwd=work,
            check=True,
        )
        before = lib.stat().st_size
        shutil.copyfile(work / "lib.so", lib)
        return before - lib.stat().st_size


def main(internal: str) -> int:
    libs = sorted(Path(internal).rglob("libicudata.so.*"))
    libs = [lib for lib in libs if lib.is_file() and not lib.is_symlink()]
    missing = [tool for tool in ("icupkg", "readelf", "cc") if shutil.which(tool) is None]
    if missing or not libs:
        why = f"missing {', '.join(missing)}" if missing else "no libicudata"
        print(f"trim_icu: ICU data left whole ({why})", file=sys.stderr)
        return 0
    for lib in libs:
        saved = trim(lib)
        print(f"trim_icu: {lib.name} {saved / 1e6:.1f} MB smaller", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
