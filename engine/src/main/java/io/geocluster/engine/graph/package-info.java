/**
 * Spatial neighbour graphs and feature smoothing over them, for {@code cluster:SmoothedKMeans}:
 * x<sub>i</sub><sup>(h)</sup> = α·x<sub>i</sub><sup>(h−1)</sup> + (1−α)·AGG<sub>j∈N(i)</sub>
 * x<sub>j</sub><sup>(h−1)</sup>, h = 1..H, over a directed k-nearest-neighbour graph.
 *
 * <p>Graphs are held in compressed sparse row (CSR) form as plain arrays: {@code offsets[n+1]}
 * (the edges of node {@code i} are {@code offsets[i]..offsets[i+1]−1}), {@code targets[]} (the
 * neighbour of each edge) and {@code lengths[]} (edge lengths in metres). Features are dense
 * float32 rows, as everywhere in the engine; the sparse products run on a
 * {@link io.geocluster.engine.compute.ComputeBackend}.
 */
package io.geocluster.engine.graph;
