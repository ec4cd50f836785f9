package io.geocluster.plugin.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before {@code spark-submit} is started, so that a typo or an unreachable
 * standalone master fails at once with a message naming it, rather than after spark-submit has
 * retried for minutes.
 *
 * <p>Mirrors the spark module's {@code SparkMasters.validate} (same forms, same 3 s probe): the
 * plugin must not depend on that module, which compiles against Spark. The spark module's
 * {@code SparkEngineProcessTest} checks that both accept and refuse the same URLs.
 */
public final class SparkMasterUrl {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,]+):(\\d+)(,[^:/,]+:\\d+)*");
    private static final Pattern OTHER = Pattern.compile("yarn|k8s://\\S+|sc://\\S+");
    /** How long the reachability probe of a {@code spark://} master waits. */
    static final int PROBE_MILLIS = 3000;

    private SparkMasterUrl() {
    }

    /**
     * Checks the form of {@code master} and, for {@code spark://host:port}, that the first master
     * accepts a TCP connection within {@link #PROBE_MILLIS}.
     *
     * @return the master, trimmed
     * @throws IllegalArgumentException naming the master and what is wrong with it
     */
    public static String check(String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("The Spark master is empty; use local[N], spark://host:port, yarn or k8s://...");
        }
        String m = master.strip();
        if (LOCAL.matcher(m).matches() || OTHER.matcher(m).matches()) {
            return m;
        }
        Matcher standalone = STANDALONE.matcher(m);
        if (!standalone.matches()) {
            throw new IllegalArgumentException("The Spark master '" + master + "' is not a Spark master URL; use local[N],"
                    + " local[N,maxFailures], spark://host:port, yarn or k8s://https://host:port");
        }
        String host = standalone.group(1);
        int port = Integer.parseInt(standalone.group(2));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), PROBE_MILLIS);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The Spark master " + master + " is not reachable (" + e + "); check the"
                    + " host name and port (the standalone master listens on 7077 by default)", e);
        }
        return m;
    }
}
