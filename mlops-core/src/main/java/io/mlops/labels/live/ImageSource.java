package io.mlops.labels.live;

import java.net.URI;

/**
 * Where a task's image is downloaded from and where it is stored.
 *
 * @param uri the URL to download
 * @param path the path under the pulled directory, as the Label Studio reader resolves the task's
 *     image reference
 * @param signed whether the request carries the API token (only to the server's own origin)
 * @param display the reference as the task gives it, for messages
 */
record ImageSource(URI uri, String path, boolean signed, String display) {}
