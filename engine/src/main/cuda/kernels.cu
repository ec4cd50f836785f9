// geocluster CUDA kernels: compiled to PTX by the engine's `cuda` Maven profile (build-ptx.sh),
// bundled as io/geocluster/engine/cuda/kernels.ptx and loaded by CudaKernels with cuModuleLoadData.
//
// Every kernel exists once per row width D = 1..16 (rows held in registers, loops unrolled) and
// once for D = 0, which reads the width from the argument d and the row values from global memory.
// Entry names are gc_<kernel>_<D>, e.g. gc_lloyd_6.
//
// Accuracy contract (ComputeBackend): distances are summed over dimensions in ascending order in
// float with no fused multiply-add (the __f*_rn intrinsics are never contracted), exactly as the
// CPU backend does, so distances are bitwise the CPU's and labels equal except on exact ties; ties
// go to the lowest centre index. Aggregation accumulates w·x in float, edge by edge in ascending
// order, bitwise the CPU's. Per-centre sums are pre-reduced in float over at most the 32 rows of a
// warp that share a centre, then accumulated in double (in shared memory, per warp or per block,
// then with global atomics), so they agree with the CPU's double sums to about 1e-6 relative; the order of the
// double additions is not fixed, so sums may differ in the last bits from run to run.
//
// All kernels use grid-stride loops over 64-bit row indices; blockDim.x must be a multiple of 32
// (the host uses 256), since whole warps take part in the shuffles.

#define FULL 0xffffffffu

template <int D>
__device__ __forceinline__ float xval(const float* r, const float* __restrict__ x, long long i, int d, bool valid,
                                      int j) {
    if (D > 0) {
        return r[j];
    }
    return valid ? x[i * d + j] : 0.f;
}

template <int D>
__device__ __forceinline__ void load_row(float* r, const float* __restrict__ x, long long i, bool valid) {
#pragma unroll
    for (int j = 0; j < D; j++) {
        r[j] = valid ? x[i * D + j] : 0.f;
    }
}

// Nearest centre: ascending centres, strict '<', so the lowest index wins ties.
template <int D>
__device__ __forceinline__ int nearest(const float* r, const float* __restrict__ x, long long i, int d, bool valid,
                                       const float* C, int k, float* best_out) {
    const int dd = D > 0 ? D : d;
    float best = 0.f;
    int bi = 0;
    for (int c = 0; c < k; c++) {
        float s = 0.f;
#pragma unroll
        for (int j = 0; j < dd; j++) {
            float t = __fsub_rn(xval<D>(r, x, i, d, valid, j), C[c * dd + j]);
            s = __fadd_rn(s, __fmul_rn(t, t));
        }
        if (c == 0 || s < best) {
            best = s;
            bi = c;
        }
    }
    *best_out = best;
    return bi;
}

// Warp-aggregated reduction over the lanes holding the same key (Westphal, "Voting and shuffling
// to optimize atomic operations", NVIDIA blog 2015): a pairwise tree among the peers, planned once
// per row (the plan depends on the keys only) and replayed per dimension. The lowest lane of each
// group ends with the group's sum.
__device__ __forceinline__ unsigned peer_plan(int key, int lane, int* src) {
    unsigned peers = __match_any_sync(FULL, key);
    int rel = __popc(peers & ((1u << lane) - 1u));
    unsigned rest = peers & (0xfffffffeu << lane);
#pragma unroll
    for (int s = 0; s < 5; s++) {
        src[s] = __ffs(rest) - 1;
        unsigned done = __ballot_sync(FULL, rel & 1);
        rest &= ~done;
        rel >>= 1;
    }
    return peers;
}

__device__ __forceinline__ float peer_sum(float v, const int* src, int lane) {
#pragma unroll
    for (int s = 0; s < 5; s++) {
        float t = __shfl_sync(FULL, v, src[s] < 0 ? lane : src[s]);
        if (src[s] >= 0) {
            v = __fadd_rn(v, t);
        }
    }
    return v;
}

// Adds the warp's rows to acc/cnt by key (-1 = skip). Called by all 32 lanes. With atomic false,
// acc and cnt belong to this warp alone: each key has one leader, so plain adds cannot collide.
template <int D>
__device__ __forceinline__ void warp_accumulate(int key, const float* r, const float* __restrict__ x, long long i,
                                                int d, bool valid, double* acc, unsigned long long* cnt,
                                                bool atomic) {
    const int dd = D > 0 ? D : d;
    const int lane = threadIdx.x & 31;
    int src[5];
    unsigned peers = peer_plan(key, lane, src);
    bool leader = (peers & ((1u << lane) - 1u)) == 0 && key >= 0;
#pragma unroll
    for (int j = 0; j < dd; j++) {
        float v = peer_sum(key >= 0 ? xval<D>(r, x, i, d, valid, j) : 0.f, src, lane);
        if (leader) {
            double* a = &acc[(long long)key * dd + j];
            if (atomic) {
                atomicAdd(a, (double)v);
            } else {
                *a += (double)v;
            }
        }
    }
    if (leader) {
        if (atomic) {
            atomicAdd(&cnt[key], (unsigned long long)__popc(peers));
        } else {
            cnt[key] += (unsigned long long)__popc(peers);
        }
    }
    if (!atomic) {
        __syncwarp();  // this warp's plain adds are seen by its other lanes in the next round
    }
}

// Where per-centre totals go, chosen by the host (GpuBackend.sharedMode) from what fits in 48 KiB
// of shared memory:
//   MODE_GLOBAL  0: global atomics; centres read from global memory.
//   MODE_BLOCK   1: one copy per block in shared memory, shared atomics, flushed at block end.
//   MODE_WARP    2: one copy per warp in shared memory, plain adds (no atomics in the row loop),
//                   summed over warps and flushed with global atomics at block end.
#define MODE_GLOBAL 0
#define MODE_BLOCK 1
#define MODE_WARP 2

// Shared layout: double sums[copies][k*d] | u64 counts[copies][k] | u64 changed[copies] | float centres[k*d].
struct Shared {
    double* sums;
    unsigned long long* counts;
    unsigned long long* changed;
    float* centres;
};

__device__ __forceinline__ int copies_of(int mode) {
    return mode == MODE_WARP ? (int)(blockDim.x >> 5) : 1;
}

__device__ __forceinline__ Shared shared_layout(int k, int d, int copies) {
    extern __shared__ double smem[];
    Shared s;
    s.sums = smem;
    s.counts = (unsigned long long*)(smem + (long long)copies * k * d);
    s.changed = s.counts + (long long)copies * k;
    s.centres = (float*)(s.changed + copies);
    return s;
}

// Zeroes every copy and stages the centres (when given); ends with a barrier.
__device__ __forceinline__ void stage(Shared s, const float* __restrict__ centres, int k, int d, int copies) {
    for (int t = threadIdx.x; t < copies * k * d; t += blockDim.x) {
        s.sums[t] = 0.0;
    }
    for (int t = threadIdx.x; t < copies * k; t += blockDim.x) {
        s.counts[t] = 0ull;
    }
    for (int t = threadIdx.x; t < copies; t += blockDim.x) {
        s.changed[t] = 0ull;
    }
    if (centres) {
        for (int t = threadIdx.x; t < k * d; t += blockDim.x) {
            s.centres[t] = centres[t];
        }
    }
    __syncthreads();
}

// Adds the block's copies (in ascending copy order) to the global totals; changed may be null.
__device__ __forceinline__ void flush(Shared s, int k, int d, int copies, double* sums, unsigned long long* counts,
                                      unsigned long long* changed) {
    __syncthreads();
    const int kd = k * d;
    for (int t = threadIdx.x; t < kd; t += blockDim.x) {
        double v = 0.0;
        for (int w = 0; w < copies; w++) {
            v += s.sums[w * kd + t];
        }
        if (v != 0.0) {
            atomicAdd(&sums[t], v);
        }
    }
    for (int t = threadIdx.x; t < k; t += blockDim.x) {
        unsigned long long c = 0ull;
        for (int w = 0; w < copies; w++) {
            c += s.counts[w * k + t];
        }
        if (c != 0ull) {
            atomicAdd(&counts[t], c);
        }
    }
    if (changed && threadIdx.x == 0) {
        unsigned long long c = 0ull;
        for (int w = 0; w < copies; w++) {
            c += s.changed[w];
        }
        if (c != 0ull) {
            atomicAdd(changed, c);
        }
    }
}

// assign: labels[i] = nearest centre, dist[i] = its squared distance (dist may be null).
template <int D>
__device__ __forceinline__ void assign_body(const float* __restrict__ x, long long n, int d,
                                            const float* __restrict__ centres, int k, int* __restrict__ labels,
                                            float* __restrict__ dist, int mode) {
    const int dd = D > 0 ? D : d;
    const float* C = centres;
    if (mode != MODE_GLOBAL) {
        Shared s = shared_layout(k, dd, 1);
        stage(s, centres, k, dd, 1);
        C = s.centres;
    }
    const long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        float r[D > 0 ? D : 1];
        if (D > 0) {
            load_row<D>(r, x, i, true);
        }
        float best;
        int bi = nearest<D>(r, x, i, d, true, C, k, &best);
        labels[i] = bi;
        if (dist) {
            dist[i] = best;
        }
    }
}

// accumulate: sums[l*d + j] += x[i*d + j] and counts[l]++ for l = labels[i] >= 0.
template <int D>
__device__ __forceinline__ void accumulate_body(const float* __restrict__ x, long long n, int d,
                                                const int* __restrict__ labels, int k, double* sums,
                                                unsigned long long* counts, int mode) {
    const int dd = D > 0 ? D : d;
    double* acc = sums;
    unsigned long long* cnt = counts;
    const int copies = copies_of(mode);
    Shared s;
    if (mode != MODE_GLOBAL) {
        s = shared_layout(k, dd, copies);
        stage(s, nullptr, k, dd, copies);
        int w = mode == MODE_WARP ? (int)(threadIdx.x >> 5) : 0;
        acc = s.sums + (long long)w * k * dd;
        cnt = s.counts + (long long)w * k;
    }
    const long long stride = (long long)gridDim.x * blockDim.x;
    for (long long base = (long long)blockIdx.x * blockDim.x; base < n; base += stride) {
        long long i = base + threadIdx.x;
        bool valid = i < n;
        int key = valid ? labels[i] : -1;
        float r[D > 0 ? D : 1];
        if (D > 0) {
            load_row<D>(r, x, i, valid && key >= 0);
        }
        warp_accumulate<D>(key, r, x, i, d, valid && key >= 0, acc, cnt, mode != MODE_WARP);
    }
    if (mode != MODE_GLOBAL) {
        flush(s, k, dd, copies, sums, counts, nullptr);
    }
}

// lloyd: one fused Lloyd step. For each row: nearest centre position p, new class id ids[p],
// changed += (ids[p] != labels[i]), labels[i] = ids[p], sums[p] += row, counts[p]++.
template <int D>
__device__ __forceinline__ void lloyd_body(const float* __restrict__ x, long long n, int d,
                                           const float* __restrict__ centres, int k,
                                           const unsigned char* __restrict__ ids, unsigned char* __restrict__ labels,
                                           double* sums, unsigned long long* counts, unsigned long long* changed,
                                           float* __restrict__ dist, int mode) {
    const int dd = D > 0 ? D : d;
    const float* C = centres;
    double* acc = sums;
    unsigned long long* cnt = counts;
    unsigned long long* chg = changed;
    const int copies = copies_of(mode);
    const bool atomic = mode != MODE_WARP;
    Shared s;
    if (mode != MODE_GLOBAL) {
        s = shared_layout(k, dd, copies);
        stage(s, centres, k, dd, copies);
        int w = mode == MODE_WARP ? (int)(threadIdx.x >> 5) : 0;
        C = s.centres;
        acc = s.sums + (long long)w * k * dd;
        cnt = s.counts + (long long)w * k;
        chg = s.changed + w;
    }
    const int lane = threadIdx.x & 31;
    const long long stride = (long long)gridDim.x * blockDim.x;
    for (long long base = (long long)blockIdx.x * blockDim.x; base < n; base += stride) {
        long long i = base + threadIdx.x;
        bool valid = i < n;
        float r[D > 0 ? D : 1];
        if (D > 0) {
            load_row<D>(r, x, i, valid);
        }
        float best;
        int p = nearest<D>(r, x, i, d, valid, C, k, &best);
        bool moved = false;
        if (valid) {
            unsigned char id = ids[p];
            moved = id != labels[i];
            labels[i] = id;
            if (dist) {
                dist[i] = best;
            }
        }
        unsigned ballot = __ballot_sync(FULL, moved);
        if (lane == 0 && ballot != 0u) {
            if (atomic) {
                atomicAdd(chg, (unsigned long long)__popc(ballot));
            } else {
                *chg += (unsigned long long)__popc(ballot);
            }
        }
        warp_accumulate<D>(valid ? p : -1, r, x, i, d, valid, acc, cnt, atomic);
    }
    if (mode != MODE_GLOBAL) {
        flush(s, k, dd, copies, sums, counts, changed);
    }
}

// aggregate: out[i*d + j] = sum over e in [offsets[i], offsets[i+1]) of weights[e] * x[targets[e]*d + j],
// accumulated in float in ascending e from 0; offsets are rebased so that row 0 is the first row.
extern "C" __global__ void __launch_bounds__(256) gc_aggregate(const int* __restrict__ offsets,
                                                                const int* __restrict__ targets,
                                                                const float* __restrict__ weights, int rows,
                                                                const float* __restrict__ x, int d,
                                                                float* __restrict__ out) {
    const long long total = (long long)rows * d;
    const long long stride = (long long)gridDim.x * blockDim.x;
    for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < total; t += stride) {
        int i = (int)(t / d);
        int j = (int)(t - (long long)i * d);
        int end = offsets[i + 1];
        float a = 0.f;
        for (int e = offsets[i]; e < end; e++) {
            a = __fadd_rn(a, __fmul_rn(weights[e], x[(long long)targets[e] * d + j]));
        }
        out[t] = a;
    }
}

#define GC_INSTANTIATE(D)                                                                                       \
    extern "C" __global__ void __launch_bounds__(256)                                                          \
        gc_assign_##D(const float* x, long long n, int d, const float* centres, int k, int* labels, float* dist, \
                      int mode) {                                                                         \
        assign_body<D>(x, n, d, centres, k, labels, dist, mode);                                          \
    }                                                                                                           \
    extern "C" __global__ void __launch_bounds__(256)                                                          \
        gc_accumulate_##D(const float* x, long long n, int d, const int* labels, int k, double* sums,            \
                          unsigned long long* counts, int mode) {                                         \
        accumulate_body<D>(x, n, d, labels, k, sums, counts, mode);                                       \
    }                                                                                                           \
    extern "C" __global__ void __launch_bounds__(256)                                                          \
        gc_lloyd_##D(const float* x, long long n, int d, const float* centres, int k, const unsigned char* ids,  \
                     unsigned char* labels, double* sums, unsigned long long* counts,                           \
                     unsigned long long* changed, float* dist, int mode) {                                \
        lloyd_body<D>(x, n, d, centres, k, ids, labels, sums, counts, changed, dist, mode);               \
    }

GC_INSTANTIATE(0)
GC_INSTANTIATE(1)
GC_INSTANTIATE(2)
GC_INSTANTIATE(3)
GC_INSTANTIATE(4)
GC_INSTANTIATE(5)
GC_INSTANTIATE(6)
GC_INSTANTIATE(7)
GC_INSTANTIATE(8)
GC_INSTANTIATE(9)
GC_INSTANTIATE(10)
GC_INSTANTIATE(11)
GC_INSTANTIATE(12)
GC_INSTANTIATE(13)
GC_INSTANTIATE(14)
GC_INSTANTIATE(15)
GC_INSTANTIATE(16)
