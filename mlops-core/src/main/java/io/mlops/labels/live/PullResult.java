package io.mlops.labels.live;

import java.io.Serializable;

/**
 * What a pull wrote: a directory laid out as Label Studio's JSON export ({@link #EXPORT_FILE}) with
 * the images its tasks name beside it, which {@code labelstudio:DIR/result.json} reads.
 *
 * @param server the server's base URL
 * @param project the project id
 * @param title the project's title
 * @param tasks tasks in the export (those with annotations)
 * @param images image files downloaded
 * @param bytes bytes downloaded, export included
 * @param directory the directory written
 */
public record PullResult(
        String server, long project, String title, long tasks, long images, long bytes, String directory)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The export's file name in the pulled directory. */
    public static final String EXPORT_FILE = "result.json";

    /**
     * The labels as the snapshot and label commands name them.
     *
     * @return e.g. {@code labelstudio:data/pulled/result.json}
     */
    public String labels() {
        return "labelstudio:" + directory + "/" + EXPORT_FILE;
    }
}
