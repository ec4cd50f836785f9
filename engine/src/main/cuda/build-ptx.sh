#!/usr/bin/env bash
# Compiles every engine/src/main/cuda/*.cu to PTX for the engine jar (Maven profile `cuda`).
#
# usage: build-ptx.sh NVCC SOURCE_DIR OUTPUT_DIR
#
# PTX target: -arch=compute_80 (A100 and newer; the driver JIT-compiles it for sm_90, H100).
# PTX ISA version: nvcc 13 writes `.version 9.0`, which only a CUDA 13 driver accepts; JCuda 12
# runs on CUDA 12.x drivers, which accept PTX ISA up to 8.0 (12.0) .. 8.8 (12.9). The kernels use
# nothing newer than PTX ISA 7.0 (match.any, f64 atomics, shfl.sync), so the version line is
# lowered to 8.0 (CUDA 12.0) and the result is checked with `ptxas -arch=sm_80` when ptxas is at
# hand: ptxas rejects any instruction that the declared version does not have.
set -euo pipefail
nvcc="$1"
src="$2"
out="$3"
if ! command -v "$nvcc" >/dev/null 2>&1; then
    for c in /usr/local/bin/nvcc /usr/local/cuda/bin/nvcc; do
        if [ -x "$c" ]; then nvcc="$c"; break; fi
    done
fi
ptx_version=8.0
mkdir -p "$out"
ptxas="$(dirname "$(readlink -f "$(command -v "$nvcc")")")/ptxas"
[ -x "$ptxas" ] || ptxas="$(command -v ptxas || true)"
for cu in "$src"/*.cu; do
    name="$(basename "$cu" .cu)"
    target="$out/$name.ptx"
    if [ "$target" -nt "$cu" ] && [ "$target" -nt "$0" ]; then
        continue
    fi
    tmp="$(mktemp)"
    "$nvcc" -arch=compute_80 -ptx -o "$tmp" "$cu"
    sed -E "s/^\.version [0-9]+\.[0-9]+\$/.version $ptx_version/" "$tmp" > "$tmp.v"
    if [ -n "$ptxas" ]; then
        "$ptxas" -arch=sm_80 -o /dev/null "$tmp.v"
    fi
    mv "$tmp.v" "$target"
    rm -f "$tmp"
    echo "build-ptx: $cu -> $target (PTX ISA $ptx_version, compute_80)"
done
