package netstep.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Gradient descent over a dataset for a number of epochs, in batches of b consecutive samples of each epoch's
 * order (the last one smaller when b does not divide N), with the loss after each epoch. Runs untraced
 * ({@link Trainer}): the same numbers as stepping, without recording them.
 */
public final class Training {

    /**
     * @param lossHistory     after each epoch: the mean loss, plus λR with regularization
     * @param dataLossHistory after each epoch: the mean data loss L alone
     */
    public record Result(Network network, List<Double> lossHistory, List<Double> dataLossHistory) {
        public Result {
            lossHistory = List.copyOf(lossHistory);
            dataLossHistory = List.copyOf(dataLossHistory);
        }
    }

    private Training() {
    }

    /** Per-sample SGD (batches of one). */
    public static Result run(Network start, Sgd sgd, double[][] xs, double[][] ys, int epochs,
                             SampleOrder order, long seed) {
        return run(start, sgd, xs, ys, epochs, order, seed, 1);
    }

    /**
     * @throws DivergedException when a step overflows; nothing is returned half-trained
     * @throws CancellationException when the thread is interrupted (its caller stopped waiting)
     */
    public static Result run(Network start, Sgd sgd, double[][] xs, double[][] ys, int epochs,
                             SampleOrder order, long seed, int batchSize) {
        if (batchSize < 1 || batchSize > xs.length) {
            throw new IllegalArgumentException("the batch size must be from 1 to the number of samples, " + xs.length);
        }
        SampleSchedule schedule = new SampleSchedule(xs.length, order, seed);
        Trainer trainer = sgd.trainer(start);
        trainer.checkSamples(xs, ys);
        int[] batch = new int[batchSize];
        List<Double> history = new ArrayList<>(epochs);
        List<Double> dataHistory = new ArrayList<>(epochs);
        Network network = start;
        for (int e = 0; e < epochs; e++) {
            while (true) {
                if (Thread.currentThread().isInterrupted()) throw new CancellationException("training was stopped");
                int size = Math.min(batchSize, xs.length - schedule.position());
                for (int k = 0; k < size; k++) batch[k] = schedule.next();
                if (!trainer.step(xs, ys, batch, size)) {
                    throw new DivergedException("training diverged in epoch " + (e + 1) + " at sample "
                            + (batch[0] + 1) + ": the numbers overflowed to NaN or infinity. The learning rate η = "
                            + sgd.learningRate() + " is too large for this loss and network; try a smaller one");
                }
                if (schedule.position() == 0) break;
            }
            network = trainer.network();
            double mean = sgd.meanLoss(network, xs, ys);
            double total = sgd.regularization().none() ? mean
                    : mean + sgd.regularization().lambda() * sgd.regularization().penalty(network);
            if (!Double.isFinite(total)) {
                throw new DivergedException("training diverged in epoch " + (e + 1)
                        + ": the mean loss overflowed. The learning rate η = " + sgd.learningRate()
                        + " is too large for this loss and network; try a smaller one");
            }
            history.add(total);
            dataHistory.add(mean);
        }
        return new Result(network, history, dataHistory);
    }
}
