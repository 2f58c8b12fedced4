package netstep.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.ParameterRef;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Doubles are written in the JDK's own form (Double.toString), and a saved file reads back bit for bit. */
class SavedFileNumbersTest {
    @Test
    void everyFiniteDoubleIsWrittenAsDoubleToStringAndReadsBackExactly() throws Exception {
        Random random = new Random(3);
        ArrayNode numbers = ApiJson.MAPPER.createArrayNode();
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            double v;
            do {
                v = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
            } while (!Double.isFinite(v));
            values[i] = v;
            numbers.add(v);
        }
        String text = ApiJson.MAPPER.writeValueAsString(numbers);
        JsonNode back = ApiJson.MAPPER.readTree(text);
        String[] written = text.substring(1, text.length() - 1).split(",");
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.toString(values[i]), written[i]);
            assertEquals(Double.doubleToLongBits(values[i]), Double.doubleToLongBits(back.get(i).asDouble()), written[i]);
        }
    }

    @Test
    void aSavedExperimentLoadsBackToTheSameBytesAndTheSameParameters() {
        Experiment trained = new Experiment(Config.defaults());
        for (int i = 0; i < 25; i++) trained.wholeStep();
        trained.setParameter(ParameterRef.parse("W1[1,1]"), 0.1 + 0.2); // a double with a long decimal form
        String saved = ExperimentJson.write(trained).toString();
        Experiment loaded = new Experiment(Config.defaults());
        ExperimentJson.read(saved, loaded);
        assertEquals(saved, ExperimentJson.write(loaded).toString());
        // equal double nodes hold equal doubles: Double.toString tells every double apart
        assertEquals(ApiJson.network(trained.network()), ApiJson.network(loaded.network()));
    }
}
