package io.mlops.labels.scan;

import io.mlops.labels.LabelSink;
import io.mlops.labels.card.CardBuilder;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.check.Validator;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import java.nio.file.Path;

/** Reads labels once, validating them and building their dataset card in the same pass. */
public final class LabelScan {
    private LabelScan() {}

    /**
     * Scans labels.
     *
     * @param source the labels and their images
     * @param options what to check
     * @param progress told of the bytes or label files read
     * @return the report and the card
     * @throws io.mlops.error.UserError when the labels cannot be read at all (a missing file,
     *     malformed JSON or XML, a DOCTYPE); everything else is a finding in the report
     */
    public static LabelScanResult run(LabelSource source, CheckOptions options, ProgressListener progress) {
        Path images = source.imagesRoot();
        // image files are checked while the labels are read; the reading is the progress people see
        Validator validator = new Validator(source.toString(), images, options, ProgressListener.NONE);
        CardBuilder card = new CardBuilder();
        source.format().reader().read(source.path(), images, LabelSink.fanOut(validator, card), progress);
        return new LabelScanResult(validator.report(), card.card());
    }
}
