package netstep.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/** Per-sample SGD over a dataset for a number of epochs, with the mean loss after each epoch. */
public final class Training {

    public record Result(Network network, List<Double> lossHistory) {
        public Result {
            lossHistory = List.copyOf(lossHistory);
        }
    }

    private Training() {
    }

    /**
     * @throws DivergedException when a step overflows; nothing is returned half-trained
     * @throws CancellationException when the thread is interrupted (its caller stopped waiting)
     */
    public static Result run(Network start, Sgd sgd, double[][] xs, double[][] ys, int epochs,
                             SampleOrder order, long seed) {
        SampleSchedule schedule = new SampleSchedule(xs.length, order, seed);
        Network network = start;
        List<Double> history = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < xs.length; s++) {
                if (Thread.currentThread().isInterrupted()) throw new CancellationException("training was stopped");
                int index = schedule.next();
                StepTrace trace = sgd.step(network, Vec.of(xs[index]), Vec.of(ys[index]));
                if (trace.diverged()) {
                    throw new DivergedException("training diverged in epoch " + (e + 1) + " at sample " + (index + 1)
                            + ": the numbers overflowed to NaN or infinity. The learning rate η = "
                            + sgd.learningRate() + " is too large for this loss and network; try a smaller one");
                }
                network = trace.after();
            }
            double mean = sgd.meanLoss(network, xs, ys);
            if (!Double.isFinite(mean)) {
                throw new DivergedException("training diverged in epoch " + (e + 1)
                        + ": the mean loss overflowed. The learning rate η = " + sgd.learningRate()
                        + " is too large for this loss and network; try a smaller one");
            }
            history.add(mean);
        }
        return new Result(network, history);
    }
}
