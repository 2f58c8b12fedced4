package netstep.web;

import netstep.json.ExperimentJson;
import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import netstep.engine.Activation;
import netstep.engine.Network;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

/**
 * A measurement, not a test (surefire's name patterns leave it out): what restoring the largest experiment the
 * limits allow costs, straight and through {@code /import}, {@code /share} and a fork. Run it by name:
 * {@code mvn -q -o test -Dtest=ImportCostProbe -Dsurefire.failIfNoSpecifiedTests=false}. Figures in
 * docs/hostile-input.md ("Remaining gaps closed").
 */
class ImportCostProbe {
    /** A saved-experiment file: samples × (inputs + outputs) data, depth hidden layers of width, histories. */
    static String worst(int samples, int inputs, int outputs, int width, int depth, int records, int losses) {
        Random r = new Random(1);
        ObjectNode root = ApiJson.MAPPER.createObjectNode();
        root.put("format", ExperimentJson.FORMAT).put("version", ExperimentJson.VERSION);
        ConfigForm form = ConfigForm.of(Config.defaults());
        ObjectNode settings = root.putObject("settings");
        for (String f : ConfigForm.fields()) settings.put(f, form.value(f));
        String hidden = String.join(",", java.util.Collections.nCopies(depth, String.valueOf(width)));
        settings.put("inputs", String.valueOf(inputs)).put("outputs", String.valueOf(outputs)).put("hidden", hidden)
                .put("dataset", "custom").put("hiddenActivation", "tanh");
        ObjectNode data = root.putObject("dataset");
        data.put("id", "custom").put("title", "t").put("description", "");
        ArrayNode s = data.putArray("samples");
        for (int i = 0; i < samples; i++) {
            ObjectNode o = s.addObject();
            ArrayNode x = o.putArray("x");
            for (int j = 0; j < inputs; j++) x.add(r.nextInt(10) / 10.0);
            ArrayNode y = o.putArray("y");
            for (int j = 0; j < outputs; j++) y.add(r.nextInt(10) / 10.0);
        }
        data.putArray("test");
        List<Integer> sizes = new java.util.ArrayList<>();
        sizes.add(inputs);
        for (int d = 0; d < depth; d++) sizes.add(width);
        sizes.add(outputs);
        Network n = Network.initialise(sizes, Activation.of("tanh", 0.01), Config.defaults().outputActivation(), 7);
        root.set("network", ApiJson.network(n));
        int steps = 999_999_999;
        root.put("steps", steps);
        ArrayNode lh = root.putArray("lossHistory");
        ArrayNode ls = root.putArray("lossSteps");
        for (int i = 0; i < losses; i++) {
            lh.add(0.5);
            ls.add(i == losses - 1 ? steps : i * 1000);
        }
        ArrayNode h = root.putArray("history");
        for (int i = 0; i < records; i++) {
            h.addObject().put("step", steps - records + 1 + i).put("epoch", 7).put("sample", 1 + i % samples)
                    .put("loss", 0.25).put("largestChange", 0.01).put("learningRate", 0.1);
        }
        return root.toString();
    }

    @Test
    void measure() throws Exception {
        for (int[] c : new int[][] {{5000, 62, 2, 64, 8, 5000, 4001}, {5000, 1, 1, 64, 8, 5000, 4001},
                {5000, 62, 2, 64, 8, 0, 1}}) {
            String json = worst(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
            long[] t = new long[8];
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < t.length; i++) {
                Experiment e = new Experiment(Config.defaults());
                long t0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                var root = ApiJson.parseObject(json);
                long parsed = threads.getCurrentThreadCpuTime() - t0;
                ExperimentJson.read(root, e);
                t[i] = threads.getCurrentThreadCpuTime() - t0;
                System.out.printf("PROBE   restore: thread CPU %.0f ms (JSON parse %.0f ms), wall %.0f ms%n",
                        t[i] / 1e6, parsed / 1e6, (System.nanoTime() - w0) / 1e6);
                if (e.steps() != 999_999_999) throw new AssertionError();
            }
            long[] sorted = t.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("PROBE %s: %d bytes, thread CPU first %.0f ms, median %.0f ms, max %.0f ms%n",
                    java.util.Arrays.toString(c), json.length(), t[0] / 1e6, sorted[4] / 1e6, sorted[7] / 1e6);
        }
        // through HTTP: the largest file /import takes (900 KB) with the widest network and longest histories
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("probe");
        netstep.store.Database db = netstep.store.Database.embedded(dir);
        var app = App.create(new netstep.store.SessionStore(), netstep.json.LessonParser.library(null),
                new netstep.experiment.TrainingPool(1, 1), new netstep.store.JdbcExperimentRepository(db.dataSource()),
                Connections.DEFAULTS).start("127.0.0.1", 0);
        try {
            int samples = 2000;
            String file;
            while ((file = worst(samples, 62, 2, 64, 3, 0, 1)).length() > 880_000) samples -= 100;
            WebClient student = new WebClient(app.port());
            student.get("/");
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                var r = student.postFile("/import", "file", "x.json", file);
                long imported = System.nanoTime() - t0;
                t0 = System.nanoTime();
                var page = student.get("/");
                long shown = System.nanoTime() - t0;
                t0 = System.nanoTime();
                var share = student.postForm("/share", java.util.Map.of());
                String location = share.headers().firstValue("Location").orElse("");
                long shared = System.nanoTime() - t0;
                WebClient other = new WebClient(app.port());
                other.get("/");
                t0 = System.nanoTime();
                var fork = other.postForm(location + "/fork", java.util.Map.of());
                long forked = System.nanoTime() - t0;
                System.out.printf("PROBE HTTP %d samples, %d bytes: import %d %.0f ms, page %d %.0f ms, share %d %.0f ms,"
                                + " fork %s %d %.0f ms%n", samples, file.length(), r.statusCode(), imported / 1e6,
                        page.statusCode(), shown / 1e6, share.statusCode(), shared / 1e6, location, fork.statusCode(),
                        forked / 1e6);
            }
        } finally {
            app.stop();
            db.close();
        }
    }
}
