package io.mlops.tracking.http;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download (RFC 6266): a quoted ASCII {@code filename} with
 * quotes and backslashes escaped and other characters replaced, for old clients, and the exact name
 * as {@code filename*=UTF-8''...} (RFC 8187), which current clients prefer. A name can then neither
 * break the header nor smuggle parameters into it.
 */
final class ContentDisposition {
    private static final String ATTR_CHAR = "!#$&+-.^_`|~";

    private ContentDisposition() {}

    /**
     * The header value for a file sent as an attachment.
     *
     * @param name the file name, any characters
     * @return e.g. {@code attachment; filename="a b.txt"; filename*=UTF-8''a%20b.txt}
     */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                ascii.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                ascii.append('_');
            } else {
                ascii.append((char) c);
            }
        });
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATTR_CHAR.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
