#!/usr/bin/env python3
"""What takes the space in the browser's WASM: code bytes by crate and by app module.

Reads the WASM that cargo writes before wasm-bindgen and wasm-opt (it still has its
`name` section), e.g. after `cargo leptos build --release`:

    python3 scripts/wasm-sizes.py \
        target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm

Each function's body is counted under the crate of its symbol path, and also under the app
module (`pages::editor`, `model::card`, …) named anywhere in that path. Generic code
instantiated for the app's types (a view's `tachys` build and rebuild, serde's
deserializers) carries the generic function's own path in these symbols, so it counts
under `tachys`, `serde_json`, … rather than under the page that uses it. Sizes are before
wasm-opt, which removes about a quarter.
"""

import collections
import re
import sys


def uleb(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def skip_limits(data: bytes, at: int) -> int:
    flags, at = uleb(data, at)
    _, at = uleb(data, at)
    if flags & 1:
        _, at = uleb(data, at)
    return at


def read_module(data: bytes) -> tuple[list[int], dict[int, str], int]:
    """Function body sizes (in code-section order), function names by index, and the
    number of imported functions (which come first in the index space)."""
    at, imported, bodies, names = 8, 0, [], {}
    while at < len(data):
        section = data[at]
        length, at = uleb(data, at + 1)
        end = at + length
        if section == 2:  # imports
            count, p = uleb(data, at)
            for _ in range(count):
                for _ in range(2):  # module and field names
                    n, p = uleb(data, p)
                    p += n
                kind = data[p]
                p += 1
                if kind == 0:
                    _, p = uleb(data, p)
                    imported += 1
                elif kind == 1:
                    p = skip_limits(data, p + 1)
                elif kind == 2:
                    p = skip_limits(data, p)
                elif kind == 3:
                    p += 2
        elif section == 10:  # code
            count, p = uleb(data, at)
            for _ in range(count):
                size, q = uleb(data, p)
                bodies.append(size + (q - p))
                p = q + size
        elif section == 0:  # custom: the `name` section's function names
            n, p = uleb(data, at)
            if data[p : p + n] == b"name":
                p += n
                while p < end:
                    kind = data[p]
                    size, p = uleb(data, p + 1)
                    if kind == 1:
                        count, q = uleb(data, p)
                        for _ in range(count):
                            index, q = uleb(data, q)
                            n2, q = uleb(data, q)
                            names[index] = data[q : q + n2].decode("utf-8", "replace")
                            q += n2
                    p += size
        at = end
    return bodies, names, imported


def demangle(symbol: str) -> str:
    """A legacy Rust symbol (`_ZN…E`) as a path; anything else as it is."""
    m = re.fullmatch(r"_ZN(.*)E", symbol)
    if not m:
        return symbol
    parts, rest = [], m.group(1)
    while rest:
        digits = re.match(r"\d+", rest)
        if not digits:
            break
        n = int(digits.group())
        start = len(digits.group())
        parts.append(rest[start : start + n])
        rest = rest[start + n :]
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    path = "::".join(parts)
    for code, text in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("..", "::")):
        path = path.replace(code, text)
    return path.lstrip("_")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    bodies, names, imported = read_module(open(sys.argv[1], "rb").read())
    if not names:
        sys.exit("this WASM has no `name` section: use the one cargo wrote, before wasm-opt")
    by_crate: collections.Counter[str] = collections.Counter()
    by_module: collections.Counter[str] = collections.Counter()
    total = sum(bodies)
    for i, size in enumerate(bodies):
        path = demangle(names.get(imported + i, "?"))
        crate = re.split(r"::|<| as ", path.lstrip("<&").removeprefix("mut "))[0] or "?"
        by_crate[crate] += size
        m = re.search(r"app::((?:pages|components|model|api|i18n|search)::\w+)", path)
        if m:
            by_module[m.group(1)] += size
    print(f"code: {total} bytes in {len(bodies)} functions\n")
    print("| crate | bytes | share |\n|---|---:|---:|")
    for crate, size in by_crate.most_common(15):
        print(f"| {crate} | {size} | {100 * size / total:.1f}% |")
    print("\n| app module | bytes | share |\n|---|---:|---:|")
    for module, size in by_module.most_common(20):
        print(f"| {module} | {size} | {100 * size / total:.1f}% |")


if __name__ == "__main__":
    main()
