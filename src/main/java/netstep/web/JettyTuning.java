package netstep.web;

import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** How Jetty serves the app: request threads, gzip, slow clients, idle connections, error pages and a draining stop. */
final class JettyTuning {
    static final long MAX_REQUEST_BYTES = 1_000_000L;
    /** How long a stop waits for requests in flight before it closes their connections. */
    static final long DRAIN_MILLIS = 10_000;
    static final int GZIP_LEVEL = 1;

    private JettyTuning() {
    }

    static void apply(JavalinConfig cfg, Connections connections) {
        cfg.startup.showJavalinBanner = false;
        cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
        cfg.http.prefer405over404 = true;
        int threads = connections.requestThreads();
        cfg.jetty.threadPool = requestThreads(threads);
        cfg.http.compressionStrategy = CompressionStrategy.NONE; // Jetty's gzip below does it
        cfg.jetty.modifyServletContextHandler(context -> {
            context.insertHandler(gzip(threads));
            context.insertHandler(slowClients(connections));
            context.setErrorHandler(new ErrorAnswers());
        });
        cfg.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(connections.idleTimeoutSeconds() * 1000L));
        cfg.jetty.modifyServer(JettyTuning::server);
    }

    /** Jetty's own answers (bad addresses, oversized headers) in the app's words; a stop lets requests finish. */
    private static void server(Server server) {
        server.setErrorHandler(new ErrorAnswers());
        // without a stop timeout Jetty closes connections at once; with one it lets requests in flight finish
        server.setStopTimeout(DRAIN_MILLIS);
        server.addEventListener(new IdleConnectionsSweeper(server));
    }

    /**
     * When a stop begins, Jetty shortens the idle timeout of the open connections (to the connector's shutdown idle
     * timeout, 1 s) so that idle ones close and the drain ends. A connection caught finishing a response at that
     * moment kept its 30 s, and the stop then waited its whole 10 s and failed (4 stops in 300 on a loaded machine).
     * Until the server has stopped, this shortens every connection's timeout again, five times a second.
     */
    private record IdleConnectionsSweeper(Server server) implements LifeCycle.Listener {
        private static final long EVERY_MILLIS = 200;

        @Override
        public void lifeCycleStopping(LifeCycle event) {
            Thread sweeper = new Thread(this::sweepUntilStopped, "netstep-stop-sweeper");
            sweeper.setDaemon(true);
            sweeper.start();
        }

        private void sweepUntilStopped() {
            while (!server.isStopped()) {
                for (Connector connector : server.getConnectors()) {
                    long shortened = connector instanceof AbstractConnector c ? c.getShutdownIdleTimeout() : 1000;
                    for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                        if (endPoint.getIdleTimeout() > shortened) endPoint.setIdleTimeout(shortened);
                    }
                }
                try {
                    Thread.sleep(EVERY_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * A request body must arrive at the configured rate at least, or the request is ended with 408: a client
     * trickling its body would otherwise hold a request thread for as long as it likes.
     */
    private static MinimumDataRateHandler slowClients(Connections connections) {
        return new MinimumDataRateHandler(connections.minRequestBytesPerSecond(), 0);
    }

    /**
     * A class on one wifi needs the answers compressed (100 KB of HTML to 25-29 KB). Jetty's handler with its
     * pooled deflaters, at level 1: why not Javalin's compression or level 6 is in docs/performance.md.
     */
    private static GzipHandler gzip(int requestThreads) {
        GzipHandler gzip = new GzipHandler();
        gzip.setIncludedMethods("GET", "POST"); // htmx posts its clicks
        gzip.setDeflaterPool(new DeflaterPool(requestThreads, GZIP_LEVEL, true));
        return gzip;
    }

    private static QueuedThreadPool requestThreads(int max) {
        QueuedThreadPool threads = new QueuedThreadPool(max, Math.min(8, max), 60_000);
        threads.setName("netstep-http");
        return threads;
    }
}
