package io.mlops.jenkins.tracking;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The configuration of a protocol servlet that Jenkins hosts without a servlet mapping of its own:
 * Jenkins' servlet context (for its log) and no init parameters.
 *
 * @param name the servlet's name
 * @param context Jenkins' servlet context
 */
public record HostedServletConfig(String name, ServletContext context) implements ServletConfig {
    @Override
    public String getServletName() {
        return name;
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getInitParameter(String key) {
        return null;
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.emptyEnumeration();
    }
}
