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

import java.util.List;

/** The stateless JSON API: one step, or a training run, on a network sent in the request. */
final class ApiController {
    /** epochs × samples × parameters: about a second of work on a small machine. */
    static final long MAX_WORK = 200_000_000L;

    void step(Context ctx) {
        JsonNode root = ApiJson.parseObject(ctx.body());
        Network network = ApiJson.network(root);
        Loss loss = ApiJson.loss(root);
        double eta = ApiJson.learningRate(root);
        JsonNode sampleNode = root.get("sample");
        if (sampleNode == null || sampleNode.isNull()) throw new BadRequest("missing field sample");
        double[][] sample = ApiJson.sample(sampleNode, "sample", network);
        ApiJson.checkLossFits(loss, network);
        ApiJson.checkTarget(loss, sample[1], "sample.y");
        StepTrace trace = new Sgd(loss, eta).step(network, Vec.of(sample[0]), Vec.of(sample[1]));
        if (trace.diverged()) {
            throw new DivergedException("training diverged: this step's numbers overflow to infinity or NaN. "
                    + "The learning rate " + eta + " is too large for this loss and network (or the weights are "
                    + "already huge); try a smaller learning rate");
        }
        json(ctx, ApiJson.stepResponse(trace));
    }

    void train(Context ctx) {
        JsonNode root = ApiJson.parseObject(ctx.body());
        Network network = ApiJson.network(root);
        Loss loss = ApiJson.loss(root);
        double eta = ApiJson.learningRate(root);
        List<double[][]> samples = ApiJson.samples(root, network);
        ApiJson.checkLossFits(loss, network);
        for (int s = 0; s < samples.size(); s++) ApiJson.checkTarget(loss, samples.get(s)[1], "samples[" + s + "].y");
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
        Training.Result result = Training.run(network, new Sgd(loss, eta), xs, ys, epochs, order, seed);
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.set("network", ApiJson.network(result.network()));
        var history = out.putArray("lossHistory");
        result.lossHistory().forEach(history::add);
        json(ctx, out);
    }

    static void json(Context ctx, ObjectNode body) {
        ctx.contentType("application/json; charset=utf-8").result(body.toString());
    }

    static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        json(ctx, ApiJson.error(message));
    }
}
