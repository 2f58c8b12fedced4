package netstep.web;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Notices a client that closes its connection while its request is answered asynchronously. Jetty reads nothing
 * from an HTTP/1.1 connection between the end of a request's body and the end of its answer, so it learns of a
 * disconnect only when it writes the answer; a training run nobody waits for would go on until its budget. This
 * asks the connection's end point to call back when it becomes readable: the end of the stream means the client has
 * gone (or half-closed, which nginx treats as gone too). Bytes of a pipelined next request are handed back to the
 * connection, which parses them once this answer is sent. Must be {@linkplain #stop() stopped} before the answer is
 * written: Jetty aborts a connection that still has a read pending when its request completes.
 */
final class ClientWatch implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ClientWatch.class);
    /** Fails our own read interest at {@link #stop()}; not a disconnect. */
    private static final Exception STOPPED = new Exception("answer ready", null, false, false) { };
    private static final ClientWatch NONE = new ClientWatch(null, null, () -> { });

    private final EndPoint endPoint;
    private final Connection connection;
    private final Runnable onGone;
    private boolean stopped; // guarded by this

    private ClientWatch(EndPoint endPoint, Connection connection, Runnable onGone) {
        this.endPoint = endPoint;
        this.connection = connection;
        this.onGone = onGone;
    }

    /**
     * Starts watching the connection of {@code request}, whose body must have been read to its end; {@code onGone}
     * runs (once, on a Jetty thread) if the client goes away before {@link #stop()}. Watches nothing when the
     * connection is not a plain Jetty one or something else is reading it.
     */
    static ClientWatch start(HttpServletRequest request, Runnable onGone) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (jetty == null) return NONE;
        Connection connection = jetty.getConnectionMetaData().getConnection();
        EndPoint endPoint = connection == null ? null : connection.getEndPoint();
        if (!(endPoint instanceof AbstractEndPoint)) return NONE; // stop() could not take the interest back
        ClientWatch watch = new ClientWatch(endPoint, connection, onGone);
        return endPoint.tryFillInterested(watch) ? watch : NONE;
    }

    /** The answer is about to be written: take back the read interest so the connection can read its next request. */
    synchronized void stop() {
        if (stopped || endPoint == null) return;
        stopped = true;
        ((AbstractEndPoint) endPoint).getFillInterest().onFail(STOPPED);
    }

    /** The connection became readable: its end (the client has gone), or the start of a pipelined request. */
    @Override
    public synchronized void succeeded() {
        if (stopped) return;
        ByteBuffer early = BufferUtil.allocate(4096);
        int filled;
        try {
            filled = endPoint.fill(early);
        } catch (IOException e) {
            filled = -1;
        }
        if (filled < 0) {
            gone();
        } else if (filled == 0) {
            if (!endPoint.tryFillInterested(this)) LOG.debug("Stopped watching {}: another read is pending", endPoint);
        } else if (connection instanceof Connection.UpgradeTo parser) {
            parser.onUpgradeTo(early); // read after this answer, as if never taken; a close after it goes unnoticed
        } else {
            LOG.debug("Dropped {} early bytes from {}", filled, endPoint);
            endPoint.close(); // cannot hand them back: end the connection rather than answer the wrong request
        }
    }

    @Override
    public synchronized void failed(Throwable x) {
        if (x != STOPPED && !stopped) gone(); // the end point closed or failed
    }

    private void gone() {
        stopped = true;
        LOG.debug("Client went away from {}", endPoint);
        onGone.run();
    }
}
