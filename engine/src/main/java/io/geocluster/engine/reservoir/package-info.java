/**
 * Reservoir embeddings of time series: the <em>reservoir model space</em> of Bianchi, Scardapane,
 * Løkse and Jenssen, "Reservoir computing approaches for representation and classification of
 * multivariate time series", IEEE Transactions on Neural Networks and Learning Systems 32(5),
 * 2021, built on the leaky echo-state network of Jaeger (2001) and Jaeger et al. (2007).
 *
 * <p>Each series is resampled onto a regular {@link io.geocluster.engine.reservoir.TimeGrid},
 * driven through one fixed random sparse {@link io.geocluster.engine.reservoir.EchoStateReservoir},
 * its states are reduced to D dimensions by a {@link io.geocluster.engine.reservoir.StatePca}
 * fitted once on a sample, and a ridge regression predicting the next reduced state from the
 * current one is fitted per series; its D² + D coefficients are the series' features
 * ({@link io.geocluster.engine.reservoir.ReservoirEmbedding}). Two series with the same dynamics
 * get close coefficients whatever their timing, which is what clustering deformation regimes needs.
 *
 * <p>The package sees arrays of numbers only; dates are day numbers.
 */
package io.geocluster.engine.reservoir;
