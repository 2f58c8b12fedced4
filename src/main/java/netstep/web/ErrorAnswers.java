package netstep.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answers Jetty gives itself, before or around the app (a malformed address, oversized headers, a body that
 * arrives too slowly): a plain sentence with the app's security headers, instead of Jetty's HTML page that
 * carries neither and names the library's reason.
 */
final class ErrorAnswers extends ErrorHandler {

    /** What a status means for whoever sent the request, in a sentence that names no library. */
    static String sentence(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood: its address or headers are malformed. "
                    + "The stepper is at /.";
            case 404 -> "There is no page at this address. The stepper is at /.";
            case 405 -> "This address does not take this kind of request.";
            case 408 -> "The request arrived too slowly, so the server stopped waiting for it. Please try again.";
            case 413 -> "The request is larger than the server accepts (at most 1 MB). Send a smaller file or form.";
            case 414 -> "The address is too long for the server to read.";
            case 415 -> "The request's content type is not one the server reads.";
            case 429 -> "The server is busy right now. Please try again in a minute.";
            case 431 -> "The request's headers are too large for the server to read.";
            case 503 -> "The server is busy or restarting. Please try again in a moment.";
            default -> status >= 500
                    ? "Something went wrong on the server. Your network is unchanged; please try again."
                    : "The request could not be answered (HTTP status " + status + ").";
        };
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // every method gets the sentence, not only GET and POST
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        Security.HEADERS.forEach(headers::put);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(sentence(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** A request so malformed that Jetty answers it before there is a request to hand to the app. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        Security.HEADERS.forEach(fields::put);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap(sentence(status == 0 ? HttpStatus.BAD_REQUEST_400 : status)
                .getBytes(StandardCharsets.UTF_8));
    }
}
