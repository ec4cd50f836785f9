package io.geocluster.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Validates a Spark master URL before a session is built, so a typo or an unreachable standalone
 * master fails at once with a message naming it instead of Spark retrying the connection for
 * minutes.
 */
public final class SparkMasters {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,]+):(\\d+)(,[^:/,]+:\\d+)*");
    private static final Pattern OTHER = Pattern.compile("yarn|k8s://\\S+|sc://\\S+");
    /** How long the reachability probe of a {@code spark://} master waits. */
    static final int PROBE_MILLIS = 3000;

    private SparkMasters() {
    }

    /**
     * Checks the form of {@code master} and, for {@code spark://host:port}, that the first master
     * accepts a TCP connection within {@link #PROBE_MILLIS}.
     *
     * @throws IllegalArgumentException naming the master and what is wrong with it
     */
    public static void validate(String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("sparkMaster is empty; use local[N], spark://host:port, yarn or k8s://...");
        }
        String m = master.trim();
        if (LOCAL.matcher(m).matches() || OTHER.matcher(m).matches()) {
            return;
        }
        var standalone = STANDALONE.matcher(m);
        if (!standalone.matches()) {
            throw new IllegalArgumentException("sparkMaster '" + master + "' is not a Spark master URL; use local[N], "
                    + "local[N,maxFailures], spark://host:port, yarn or k8s://https://host:port");
        }
        String host = standalone.group(1);
        int port = Integer.parseInt(standalone.group(2));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), PROBE_MILLIS);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Spark master " + master + " is not reachable (" + e + "); "
                    + "check the host name and port (the standalone master listens on 7077 by default)", e);
        }
    }

    /** A session on a validated master; with UI off and Spark's logging at WARN. */
    public static SparkSession session(String master, String appName) {
        validate(master);
        SparkSession.Builder builder = SparkSession.builder().master(master.trim()).appName(appName);
        if (master.trim().startsWith("local")) {
            // Local mode talks to itself only: loopback, whatever the host name resolves to.
            builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        SparkSession session = builder
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }
}
