package netstep.experiment;

import netstep.engine.BatchTrace;
import netstep.engine.Network;
import netstep.engine.Regularization;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Training;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stepper's batch size, regularization and their form fields (issue 14), on the experiment itself. */
class BatchSteppingTest {
    /** 2-3-1 tanh/sigmoid on 10 circle points, shuffled, with the given extra fields. */
    static Map<String, String> form(String... extra) {
        Map<String, String> f = new HashMap<>();
        f.put(ConfigForm.INPUTS, "2");
        f.put(ConfigForm.HIDDEN, "3");
        f.put(ConfigForm.OUTPUTS, "1");
        f.put(ConfigForm.HIDDEN_ACTIVATION, "tanh");
        f.put(ConfigForm.OUTPUT_ACTIVATION, "sigmoid");
        f.put(ConfigForm.SLOPE, "0.01");
        f.put(ConfigForm.LOSS, "l2");
        f.put(ConfigForm.LEARNING_RATE, "0.5");
        f.put(ConfigForm.SEED, "7");
        f.put(ConfigForm.DATASET, "circle");
        f.put(ConfigForm.SIZE, "10");
        f.put(ConfigForm.TEST_FRACTION, "0");
        f.put(ConfigForm.ORDER, "shuffled");
        for (int i = 0; i < extra.length; i += 2) f.put(extra[i], extra[i + 1]);
        return f;
    }

    static Config config(String... extra) {
        ConfigForm parsed = ConfigForm.parse(form(extra));
        return parsed.config().orElseThrow(() -> new AssertionError(parsed.errors().toString()));
    }

    @Test
    void emptyFieldsAreTheLecturesSgdAndTheFormShowsWhatItRead() {
        Config c = config();
        assertEquals(1, c.batchSize());
        assertEquals(Regularization.NONE, c.regularization());
        assertFalse(c.batched());
        Config batched = config(ConfigForm.BATCH_SIZE, "4", ConfigForm.REGULARIZATION, "l2", ConfigForm.LAMBDA, "0.01");
        assertEquals(4, batched.batchSize());
        assertEquals(Regularization.l2(0.01), batched.regularization());
        ConfigForm shown = ConfigForm.of(batched);
        assertEquals("4", shown.value(ConfigForm.BATCH_SIZE));
        assertEquals("l2", shown.value(ConfigForm.REGULARIZATION));
        assertEquals("0.01", shown.value(ConfigForm.LAMBDA));
        Map<String, String> again = new HashMap<>();
        for (String field : ConfigForm.fields()) again.put(field, shown.value(field));
        assertEquals(batched, ConfigForm.parse(again).config().orElseThrow(), "the form reads back what it shows");
        // none ignores λ, even a wrong one
        assertEquals(Regularization.NONE, config(ConfigForm.REGULARIZATION, "none", ConfigForm.LAMBDA, "x").regularization());
    }

    @Test
    void wrongFieldsGetAMessageEach() {
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("0", new String[] {ConfigForm.BATCH_SIZE, "from 1"});
        cases.put("-3", new String[] {ConfigForm.BATCH_SIZE, "from 1"});
        cases.put("2.5", new String[] {ConfigForm.BATCH_SIZE, "whole number"});
        cases.put("four", new String[] {ConfigForm.BATCH_SIZE, "\"four\""});
        cases.put("11", new String[] {ConfigForm.BATCH_SIZE, "N = 10"});
        cases.put("99999999999", new String[] {ConfigForm.BATCH_SIZE, "whole number"});
        for (var c : cases.entrySet()) {
            ConfigForm f = ConfigForm.parse(form(ConfigForm.BATCH_SIZE, c.getKey()));
            assertFalse(f.valid(), c.getKey());
            String message = f.error(c.getValue()[0]).orElseThrow(() -> new AssertionError(c.getKey() + ": " + f.errors()));
            assertTrue(message.contains(c.getValue()[1]), c.getKey() + ": " + message);
        }
        assertTrue(ConfigForm.parse(form(ConfigForm.BATCH_SIZE, "10")).valid(), "b = N is full-batch descent");
        assertTrue(ConfigForm.parse(form(ConfigForm.REGULARIZATION, "l3")).error(ConfigForm.REGULARIZATION)
                .orElseThrow().contains("L2 or L1"));
        for (String lambda : List.of("", "-0.1", "10.5", "NaN", "Infinity", "1e400", "abc")) {
            ConfigForm f = ConfigForm.parse(form(ConfigForm.REGULARIZATION, "l1", ConfigForm.LAMBDA, lambda));
            assertTrue(f.error(ConfigForm.LAMBDA).orElseThrow(() -> new AssertionError(lambda)).contains("λ"), lambda);
        }
        assertEquals(Regularization.l1(10), config(ConfigForm.REGULARIZATION, "l1", ConfigForm.LAMBDA, "10")
                .regularization());
    }

    @Test
    void batchSizeOneWithAPenaltyOfNothingGivesTheSameNumbersAsTheLecturesStep() {
        // λ = 0 takes the batch path (a penalty is set), whose numbers must be those of the one-sample step
        Experiment plain = new Experiment(config());
        Experiment batched = new Experiment(config(ConfigForm.REGULARIZATION, "l1", ConfigForm.LAMBDA, "0"));
        assertTrue(batched.config().batched());
        for (int step = 0; step < 25; step++) {
            plain.advance();
            batched.advance();
            assertTrue(batched.batch().isPresent());
            assertTrue(plain.batch().isEmpty(), "b = 1 keeps today's single-sample trace");
            StepTrace a = plain.trace().orElseThrow();
            StepTrace b = batched.trace().orElseThrow();
            assertEquals(a.x(), b.x());
            assertEquals(a.prediction(), b.prediction());
            assertEquals(a.loss(), b.loss());
            for (int l = 0; l < a.backward().size(); l++) {
                assertEquals(a.backward().get(l).dL_dW(), b.backward().get(l).dL_dW());
            }
            plain.wholeStep();
            batched.wholeStep();
            assertEquals(plain.network(), batched.network(), "step " + step);
            assertEquals(plain.sampleIndex(), batched.sampleIndex());
        }
        assertEquals(plain.lossHistory(), batched.lossHistory());
    }

    @Test
    void anEpochIsCeilingOfNOverBStepsAndEndsWhereBulkTrainingEnds() {
        Config c = config(ConfigForm.BATCH_SIZE, "4", ConfigForm.REGULARIZATION, "l2", ConfigForm.LAMBDA, "0.05");
        Experiment e = new Experiment(c);
        assertEquals(3, e.stepsPerEpoch());
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            e.advance();
            BatchTrace t = e.batch().orElseThrow();
            sizes.add(t.batchSize());
            seen.addAll(e.batchIndices());
            e.wholeStep();
        }
        assertEquals(List.of(4, 4, 2), sizes, "the last batch is smaller");
        assertEquals(10, seen.stream().distinct().count(), "every sample once in the epoch");
        assertEquals(1, e.epochs());
        assertEquals(0, e.positionInEpoch());
        assertEquals(3, e.steps());

        Sgd sgd = new Sgd(c.loss(), c.learningRate(), c.trainBiases(), c.regularization());
        Network start = new Experiment(c).network();
        Training.Result bulk = Training.run(start, sgd, e.dataset().xMatrix(), e.dataset().yMatrix(), 2, c.order(),
                c.seed(), 4);
        e.epoch();
        assertEquals(bulk.network(), e.network(), "two epochs stepped are two epochs trained");
        assertEquals(6, e.steps());
    }

    @Test
    void trainingEpochsRunsBatchesFromWhereTheStudentIs() {
        Config c = config(ConfigForm.BATCH_SIZE, "3", ConfigForm.REGULARIZATION, "l1", ConfigForm.LAMBDA, "0.01");
        Experiment stepped = new Experiment(c);
        Experiment trained = new Experiment(c);
        stepped.wholeStep(); // one batch into the first epoch
        trained.wholeStep();
        for (int s = 0; s < 4 * 3 + 3; s++) stepped.wholeStep(); // ⌈10/3⌉ = 4 steps an epoch: to the end of epoch 4
        TrainingRun run = trained.startTraining(4).orElseThrow();
        assertEquals(15, run.totalSteps(), "the rest of the first epoch (3 steps) and 3 more epochs of 4");
        run.run();
        trained.finishTraining(run);
        assertEquals(stepped.network(), trained.network());
        assertEquals(stepped.steps(), trained.steps());
        assertEquals(4, trained.epochs());
        assertEquals(List.of(0, 1, 4, 8, 12, 16), trained.lossSteps(), "one loss value at each epoch's end, in steps");
    }

    @Test
    void choosingASampleShowsItsNumbersAndChangesNothingElse() {
        Experiment e = new Experiment(config(ConfigForm.BATCH_SIZE, "4"));
        e.goTo(Phase.BACKWARD);
        BatchTrace batch = e.batch().orElseThrow();
        Network before = e.network();
        e.chooseSample(2);
        assertEquals(2, e.chosenSample());
        assertEquals(e.batchIndices().get(2), e.sampleIndex());
        assertEquals(batch.samples().get(2).loss(), e.trace().orElseThrow().loss());
        assertEquals(batch.samples().get(2).backward(), e.trace().orElseThrow().backward());
        assertEquals(batch, e.batch().orElseThrow());
        assertEquals(before, e.network());
        assertEquals(Phase.BACKWARD, e.phase());
        assertThrows(IllegalArgumentException.class, () -> e.chooseSample(4));
        assertThrows(IllegalArgumentException.class, () -> e.chooseSample(-1));
        e.goTo(Phase.UPDATE);
        assertEquals(batch.after(), e.network(), "the update is the batch's, whichever sample is shown");
        assertThrows(IllegalArgumentException.class, () -> new Experiment(config()).chooseSample(0),
                "no batch, no choice");
    }

    @Test
    void theChosenSampleHoldsForTheBatchesAfterAndIsStoredWithTheExperiment() {
        Experiment e = new Experiment(config(ConfigForm.BATCH_SIZE, "4")); // N = 10: batches of 4, 4 and 2
        e.goTo(Phase.BACKWARD);
        long revision = e.revision();
        e.chooseSample(3);
        assertTrue(e.revision() > revision, "the choice is stored, so it is a change");
        assertEquals(3, e.chosenSampleOfBatches());
        e.goTo(Phase.UPDATE);
        assertEquals(3, e.batchOfStep(1).orElseThrow().chosen(), "the past step opens on the sample shown");
        e.goTo(Phase.PICK);
        assertEquals(3, e.chosenSample(), "the next batch shows sample 4 too");
        assertEquals(e.batchIndices().get(3), e.sampleIndex());
        e.wholeStep();
        e.goTo(Phase.PICK);
        assertEquals(2, e.batchIndices().size(), "the epoch's last batch has 2 samples");
        assertEquals(1, e.chosenSample(), "so it shows its last");
        assertEquals(3, e.chosenSampleOfBatches(), "and the choice stays for the next epoch");
        e.wholeStep();
        e.goTo(Phase.PICK);
        assertEquals(3, e.chosenSample());

        String file = netstep.json.ExperimentJson.write(e).toString();
        assertTrue(file.contains("\"batchSample\":4"), file);
        Experiment loaded = new Experiment(Config.defaults());
        netstep.json.ExperimentJson.read(file, loaded);
        assertEquals(3, loaded.chosenSampleOfBatches());
        loaded.goTo(Phase.BACKWARD);
        assertEquals(e.batchIndices(), loaded.batchIndices());
        assertEquals(e.sampleIndex(), loaded.sampleIndex(), "the loaded experiment shows the same sample");
        for (String bad : List.of("0", "5", "\"2\"", "1.5")) {
            String edited = file.replace("\"batchSample\":4", "\"batchSample\":" + bad);
            InvalidInput refused = assertThrows(InvalidInput.class,
                    () -> netstep.json.ExperimentJson.read(edited, new Experiment(Config.defaults())), bad);
            assertTrue(refused.getMessage().contains("batchSample"), refused.getMessage());
        }
        e.configure(config(ConfigForm.BATCH_SIZE, "4"));
        assertEquals(0, e.chosenSampleOfBatches(), "new settings start on the first sample again");
    }

    @Test
    void theHistoryRecordsTheWholeBatchAndItsMeanLosses() {
        Experiment e = new Experiment(config(ConfigForm.BATCH_SIZE, "3", ConfigForm.REGULARIZATION, "l2",
                ConfigForm.LAMBDA, "0.1"));
        e.goTo(Phase.PICK);
        BatchTrace batch = e.batch().orElseThrow();
        List<Integer> rows = e.batchIndices();
        e.goTo(Phase.UPDATE);
        StepRecord r = e.record(1).orElseThrow();
        assertEquals(rows, r.samples());
        assertEquals(3, r.batchSize());
        assertEquals(batch.loss(), r.loss(), "L + λR, the loss the step descended");
        assertEquals(batch.dataLoss(), r.dataLoss(), "the mean of the samples' losses");
        double sum = 0;
        for (BatchTrace.Sample s : batch.samples()) sum += s.loss();
        assertEquals(sum / 3, r.dataLoss(), 1e-15);
        assertNotEquals(r.loss(), r.dataLoss());
        assertEquals("#" + (rows.get(0) + 1) + ", #" + (rows.get(1) + 1) + ", #" + (rows.get(2) + 1) + " (b = 3)",
                r.samplesText());

        // and through the file: the rows, b and both losses come back
        String file = netstep.json.ExperimentJson.write(e).toString();
        Experiment loaded = new Experiment(Config.defaults());
        netstep.json.ExperimentJson.read(file, loaded);
        assertEquals(r, loaded.record(1).orElseThrow());
        String wrongStart = file.replaceFirst("\"samples\":\\[" + (rows.get(0) + 1) + ",", "\"samples\":[" + (rows.get(1) + 1) + ",");
        assertNotEquals(file, wrongStart);
        assertThrows(InvalidInput.class, () -> netstep.json.ExperimentJson.read(wrongStart, new Experiment(Config.defaults())));
    }

    @Test
    void aFullBatchStepOfManySamplesKeepsItsFirstRowsAndItsSize() {
        Experiment e = new Experiment(config(ConfigForm.SIZE, "40", ConfigForm.BATCH_SIZE, "40"));
        e.wholeStep();
        StepRecord r = e.record(1).orElseThrow();
        assertEquals(StepRecord.LISTED, r.samples().size());
        assertEquals(40, r.batchSize());
        assertTrue(r.samplesText().endsWith(", … (b = 40)"), r.samplesText());
        assertEquals(r.loss(), r.dataLoss(), "no regularization: one loss");
    }

    @Test
    void editingAWeightMidBatchRecomputesTheWholeBatch() {
        Experiment e = new Experiment(config(ConfigForm.BATCH_SIZE, "5", ConfigForm.REGULARIZATION, "l2",
                ConfigForm.LAMBDA, "0.1"));
        e.goTo(Phase.LOSS);
        List<Integer> rows = e.batchIndices();
        BatchTrace old = e.batch().orElseThrow();
        e.setParameter(ParameterRef.parse("w1-1-1"), 0.75);
        BatchTrace now = e.batch().orElseThrow();
        assertEquals(rows, e.batchIndices(), "the same samples");
        assertNotEquals(old.loss(), now.loss());
        assertEquals(0.75, now.before().layer(0).weight(0, 0));
    }

    @Test
    void aRestoredBatchExperimentGoesOnWithTheSameSamples() {
        Config c = config(ConfigForm.BATCH_SIZE, "4");
        Experiment a = new Experiment(c);
        for (int s = 0; s < 4; s++) a.wholeStep(); // an epoch (3 steps) and one more
        Experiment b = new Experiment(config());
        b.restore(c, a.network(), a.steps(), a.lossHistory(), a.lossSteps(), a.records());
        assertEquals(a.positionInEpoch(), b.positionInEpoch());
        assertEquals(a.epochs(), b.epochs());
        a.advance();
        b.advance();
        assertEquals(a.batchIndices(), b.batchIndices());
        a.wholeStep();
        b.wholeStep();
        assertEquals(a.network(), b.network());
        Experiment tooBig = new Experiment(config());
        Config wide = c.withTraining(11, Regularization.NONE);
        assertThrows(IllegalArgumentException.class,
                () -> tooBig.restore(wide, a.network(), 0, List.of(1.0), List.of(0), List.of()));
    }
}
