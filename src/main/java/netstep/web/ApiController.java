package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.engine.DivergedException;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Training;
import netstep.engine.Vec;
import netstep.experiment.Experiment;

import netstep.experiment.TrainingPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The stateless JSON API: one step, or a training run, on a network sent in the request. */
final class ApiController {
    private static final Logger LOG = LoggerFactory.getLogger(ApiController.class);
    /** epochs × samples × parameters: the same bound as a training run in the page. */
    static final long MAX_WORK = Experiment.MAX_TRAINING_WORK;
    /**
     * How long a training request may take from its arrival, waiting for a worker included: beyond it the run is
     * interrupted and the client told so, so a run nobody waits for any more does not hold a worker.
     */
    static final long TRAIN_BUDGET_MILLIS = 30_000;

    private final TrainingPool pool;

    ApiController(TrainingPool pool) {
        this.pool = pool;
    }

    void step(Context ctx) {
        JsonNode root = ApiJson.parseObject(ctx.body());
        Network network = ApiJson.network(root);
        Loss loss = ApiJson.loss(root);
        double eta = ApiJson.learningRate(root);
        JsonNode sampleNode = root.get("sample");
        if (sampleNode == null || sampleNode.isNull()) throw new BadRequest("missing field sample");
        double[][] sample = ApiJson.sample(sampleNode, "sample", network);
        StepTrace trace = new Sgd(loss, eta).step(network, Vec.of(sample[0]), Vec.of(sample[1]));
        if (trace.diverged()) {
            throw new DivergedException("training diverged: this step's numbers overflow to infinity or NaN, or its new parameters leave ±"
                    + (long) netstep.engine.Bounds.MAX_MAGNITUDE + ". "
                    + "The learning rate " + eta + " is too large for this loss and network (or the weights are "
                    + "already huge); try a smaller learning rate");
        }
        json(ctx, ApiJson.stepResponse(trace));
    }

    void train(Context ctx) {
        // a full pool refuses before the body is read: a crowd of calls then costs the server next to nothing
        if (pool.pending() >= pool.capacity()) {
            busy(ctx);
            return;
        }
        JsonNode root = ApiJson.parseObject(ctx.body());
        Network network = ApiJson.network(root);
        Loss loss = ApiJson.loss(root);
        double eta = ApiJson.learningRate(root);
        List<double[][]> samples = ApiJson.samples(root, network);
        int epochs = ApiJson.epochs(root);
        SampleOrder order = ApiJson.order(root);
        long seed = ApiJson.seed(root);
        long work = (long) epochs * samples.size() * network.parameterCount().total();
        if (work > MAX_WORK) {
            throw new BadRequest("too much work for one request: epochs × samples × parameters = " + work
                    + ", more than " + MAX_WORK + "; use fewer epochs or samples");
        }
        double[][] xs = samples.stream().map(s -> s[0]).toArray(double[][]::new);
        double[][] ys = samples.stream().map(s -> s[1]).toArray(double[][]::new);
        // on the training workers like the page's runs, not on a request thread: the thread is free meanwhile
        Optional<CompletableFuture<Training.Result>> run = pool.call(
                () -> Training.run(network, new Sgd(loss, eta), xs, ys, epochs, order, seed));
        if (run.isEmpty()) {
            busy(ctx);
            return;
        }
        CompletableFuture<Training.Result> answer = run.get();
        // a client that goes away frees its worker at once: failing the future interrupts the run
        ClientWatch watch = ClientWatch.start(ctx.req(), () -> answer.completeExceptionally(new ClientGone()));
        ctx.future(() -> answer.orTimeout(TRAIN_BUDGET_MILLIS, TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    watch.stop();
                    trained(ctx, result, failure);
                    return null;
                }));
    }

    private void busy(Context ctx) {
        error(ctx, HttpStatus.TOO_MANY_REQUESTS, "the server is busy training " + pool.pending()
                + " other networks right now; please try again in a minute");
    }

    private static void trained(Context ctx, Training.Result result, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null) {
            ObjectNode out = ApiJson.MAPPER.createObjectNode();
            out.set("network", ApiJson.network(result.network()));
            var history = out.putArray("lossHistory");
            result.lossHistory().forEach(history::add);
            json(ctx, out);
        } else if (cause instanceof DivergedException diverged) {
            error(ctx, HttpStatus.UNPROCESSABLE_CONTENT, diverged.getMessage());
        } else if (cause instanceof TimeoutException) {
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the server is too busy to finish this training within "
                    + TRAIN_BUDGET_MILLIS / 1000 + " seconds, so it was stopped; please try again later or ask "
                    + "for fewer epochs or samples");
        } else if (cause instanceof ClientGone) {
            LOG.debug("The client of {} {} went away; its training was stopped", ctx.method(), ctx.path());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the training was stopped because the client went away");
        } else if (cause instanceof CancellationException) {
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the training was stopped because the server is stopping; "
                    + "please try again in a moment");
        } else {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), cause);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has details");
        }
    }

    /** The client closed its connection before its training ended. */
    private static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("the client went away", null, false, false);
        }
    }

    static void json(Context ctx, ObjectNode body) {
        ctx.contentType("application/json; charset=utf-8").result(body.toString());
    }

    static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        json(ctx, ApiJson.error(message));
    }
}
