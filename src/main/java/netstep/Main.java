package netstep;

import io.javalin.Javalin;
import netstep.web.App;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server on $PORT (default 7070); SIGTERM drains the requests in flight, then it exits. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        String port = System.getenv("PORT");
        Javalin app = App.create().start(port == null || port.isBlank() ? 7070 : Integer.parseInt(port.trim()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down: finishing the requests in flight");
            app.stop();
            LOG.info("netstep stopped cleanly");
        }, "shutdown"));
    }
}
