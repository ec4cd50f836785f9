/**
 * What a clustering run hands back besides the labels: the SLD style of the published layer, the
 * cluster palette both share, and the cluster-profile chart.
 */
package io.geocluster.plugin.output;
