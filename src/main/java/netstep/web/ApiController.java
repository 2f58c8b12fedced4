package netstep.web;

import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.engine.BatchTrace;
import netstep.engine.DivergedException;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Regularization;
import netstep.engine.SampleOrder;
import netstep.engine.Sgd;
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
import java.util.function.Supplier;

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
        json(ctx, stepAnswer(ApiJson.parseObject(ctx.body())));
    }

    /**
     * One step on "sample", or on the batch "samples" (exactly one of the two), with the optional
     * "regularization": the answer's dL_dW is the gradient of the total L + λR, so new W = W − η·dL_dW.
     */
    static ObjectNode stepAnswer(JsonNode root) {
        Network network = ApiJson.network(root);
        Loss loss = ApiJson.loss(root);
        double eta = ApiJson.learningRate(root);
        boolean one = present(root, "sample");
        boolean batch = present(root, "samples");
        if (one && batch) {
            throw new BadRequest("send either sample (one step on one sample) or samples (one step on a batch), "
                    + "not both");
        }
        if (!one && !batch) {
            throw new BadRequest("missing field sample (or samples, for one step on a batch of samples)");
        }
        List<double[][]> samples = one ? List.<double[][]>of(ApiJson.sample(root.get("sample"), "sample", network))
                : ApiJson.samples(root, network);
        Regularization regularization = ApiJson.regularization(root);
        ApiJson.checkLossFits(loss, network);
        for (int s = 0; s < samples.size(); s++) {
            ApiJson.checkTarget(loss, samples.get(s)[1], one ? "sample.y" : "samples[" + s + "].y");
        }
        List<Vec> xs = samples.stream().map(s -> Vec.of(s[0])).toList();
        List<Vec> ys = samples.stream().map(s -> Vec.of(s[1])).toList();
        BatchTrace trace = new Sgd(loss, eta, true, regularization).step(network, xs, ys);
        if (trace.diverged()) {
            throw new DivergedException("training diverged: this step's numbers overflow to infinity or NaN, or its new parameters leave ±"
                    + (long) netstep.engine.Bounds.MAX_MAGNITUDE + ". "
                    + "The learning rate " + eta + " is too large for this loss and network (or the weights are "
                    + "already huge); try a smaller learning rate");
        }
        return one ? ApiJson.stepResponse(trace) : ApiJson.batchResponse(trace);
    }

    private static boolean present(JsonNode root, String field) {
        return root.has(field) && !root.get(field).isNull();
    }

    void train(Context ctx) {
        // a full pool refuses before the body is read: a crowd of calls then costs the server next to nothing
        if (pool.pending() >= pool.capacity()) {
            busy(ctx);
            return;
        }
        Supplier<ObjectNode> job = trainingJob(ApiJson.parseObject(ctx.body()));
        // on the training workers like the page's runs, not on a request thread: the thread is free meanwhile
        Optional<CompletableFuture<ObjectNode>> run = pool.call(job);
        if (run.isEmpty()) {
            busy(ctx);
            return;
        }
        CompletableFuture<ObjectNode> answer = run.get();
        // a client that goes away frees its worker at once: failing the future interrupts the run
        ClientWatch watch = ClientWatch.start(ctx.req(), () -> answer.completeExceptionally(new ClientGone()));
        ctx.future(() -> answer.orTimeout(TRAIN_BUDGET_MILLIS, TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    watch.stop();
                    trained(ctx, result, failure);
                    return null;
                }));
    }

    /** Epochs of gradient descent in batches of "batchSize", untraced: the numbers stepping would give. */
    static ObjectNode trainAnswer(JsonNode root) {
        return trainingJob(root).get();
    }

    /** Checks a training request at once (so a bad one is a 400 straight away) and returns the run to do. */
    private static Supplier<ObjectNode> trainingJob(JsonNode root) {
        Network network = ApiJson.network(root);
        Loss loss = ApiJson.loss(root);
        double eta = ApiJson.learningRate(root);
        List<double[][]> samples = ApiJson.samples(root, network);
        ApiJson.checkLossFits(loss, network);
        for (int s = 0; s < samples.size(); s++) ApiJson.checkTarget(loss, samples.get(s)[1], "samples[" + s + "].y");
        int epochs = ApiJson.epochs(root);
        SampleOrder order = ApiJson.order(root);
        long seed = ApiJson.seed(root);
        int batchSize = ApiJson.batchSize(root, samples.size());
        Regularization regularization = ApiJson.regularization(root);
        long work = (long) epochs * samples.size() * network.parameterCount().total();
        if (work > MAX_WORK) {
            throw new BadRequest("too much work for one request: epochs × samples × parameters = " + work
                    + ", more than " + MAX_WORK + "; use fewer epochs or samples");
        }
        double[][] xs = samples.stream().map(s -> s[0]).toArray(double[][]::new);
        double[][] ys = samples.stream().map(s -> s[1]).toArray(double[][]::new);
        Sgd sgd = new Sgd(loss, eta, true, regularization);
        return () -> answer(regularization, Training.run(network, sgd, xs, ys, epochs, order, seed, batchSize));
    }

    private static ObjectNode answer(Regularization regularization, Training.Result result) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.set("network", ApiJson.network(result.network()));
        var history = out.putArray("lossHistory");
        result.lossHistory().forEach(history::add);
        if (!regularization.none()) {
            var dataHistory = out.putArray("dataLossHistory");
            result.dataLossHistory().forEach(dataHistory::add);
        }
        return out;
    }

    private void busy(Context ctx) {
        error(ctx, HttpStatus.TOO_MANY_REQUESTS, "the server is busy training " + pool.pending()
                + " other networks right now; please try again in a minute");
    }

    private static void trained(Context ctx, ObjectNode answer, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null) {
            json(ctx, answer);
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

    /**
     * Runs a few small /api/train and /api/step requests through the whole path (JSON in, untraced training,
     * JSON out), so that the JIT has compiled it before the first student's request: cold, the issue's
     * 2-8-8-1 request took 3.8 s. About 54,000 samples' steps over the networks a class uses: tanh and ReLU
     * hidden layers, sigmoid/tanh outputs with L2, softmax with cross-entropy, batches of 1 and 10, L2 and L1.
     */
    static void warmUp() {
        java.util.Random random = new java.util.Random(1);
        ObjectNode[] requests = {
                warmUpRequest(random, new int[] {2, 8, 8, 1}, "tanh", "tanh", "l2", 1, null),
                warmUpRequest(random, new int[] {2, 8, 8, 1}, "relu", "sigmoid", "l2", 10, "l2"),
                warmUpRequest(random, new int[] {2, 6, 3}, "tanh", "softmax", "cross_entropy", 1, "l1"),
        };
        // as text, as a request comes: parsing and writing the JSON are part of the path
        for (int round = 0; round < 3; round++) {
            for (ObjectNode request : requests) trainAnswer(ApiJson.parseObject(request.toString())).toString();
        }
        for (ObjectNode request : requests) {
            ObjectNode step = request.deepCopy();
            step.remove(java.util.List.of("epochs", "order", "seed", "batchSize"));
            stepAnswer(ApiJson.parseObject(step.toString())).toString();
        }
    }

    private static ObjectNode warmUpRequest(java.util.Random random, int[] sizes, String hidden, String output,
                                            String loss, int batchSize, String regularization) {
        ObjectNode request = ApiJson.MAPPER.createObjectNode();
        var layers = request.putObject("network").putArray("layers");
        for (int l = 1; l < sizes.length; l++) {
            ObjectNode layer = layers.addObject();
            var weights = layer.putArray("weights");
            var biases = layer.putArray("biases");
            for (int j = 0; j < sizes[l]; j++) {
                var row = weights.addArray();
                for (int i = 0; i < sizes[l - 1]; i++) row.add(random.nextGaussian() * 0.5);
                biases.add(0.0);
            }
            layer.put("activation", l == sizes.length - 1 ? output : hidden);
        }
        request.put("loss", loss);
        request.put("learningRate", 0.03);
        var samples = request.putArray("samples");
        int outputs = sizes[sizes.length - 1];
        for (int s = 0; s < 100; s++) {
            ObjectNode sample = samples.addObject();
            double x1 = 12 * random.nextDouble() - 6;
            double x2 = 12 * random.nextDouble() - 6;
            sample.putArray("x").add(x1).add(x2);
            var y = sample.putArray("y");
            for (int k = 0; k < outputs; k++) {
                y.add(outputs == 1 ? (x1 * x2 > 0 ? 1.0 : output.equals("sigmoid") ? 0.0 : -1.0) : k == s % outputs ? 1.0 : 0.0);
            }
        }
        request.put("epochs", 60);
        request.put("order", "shuffled");
        request.put("batchSize", batchSize);
        if (regularization != null) request.putObject("regularization").put("kind", regularization).put("lambda", 0.001);
        return request;
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
