package io.mlops.jenkins.hardware;

import hudson.Extension;
import hudson.XmlFile;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import io.mlops.jenkins.config.MlopsConfiguration;

/** Relabels the probed nodes when the MLOps settings (hardware labels on/off, prefix) are saved. */
@Extension
public class RelabelOnSettingsChange extends SaveableListener {
    @Override
    public void onChange(Saveable saveable, XmlFile file) {
        if (saveable instanceof MlopsConfiguration) {
            HardwareLabelCache.get().relabelAll();
        }
    }
}
