package io.mlops.jenkins.tracking;

import hudson.console.ConsoleLogFilter;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Run;
import hudson.util.Secret;
import io.mlops.token.SecretMask;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;

/** Writes **** for the build's tracking token wherever the body's output contains it. */
final class TokenMask extends ConsoleLogFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Secret token;

    TokenMask(Secret token) {
        this.token = token;
    }

    @Override
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return new Masking(logger, new SecretMask(List.of(token.getPlainText())));
    }

    /** Masks line by line, so a token split across writes is still found. */
    private static final class Masking extends LineTransformationOutputStream {
        private final OutputStream out;
        private final SecretMask mask;

        Masking(OutputStream out, SecretMask mask) {
            this.out = out;
            this.mask = mask;
        }

        @Override
        protected void eol(byte[] line, int length) throws IOException {
            out.write(mask.mask(line, length));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            super.close();
            out.close();
        }
    }
}
