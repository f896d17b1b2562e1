package io.mlops.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.data.CapturedSnapshot;
import io.mlops.data.TransferResult;
import io.mlops.eval.EvaluationReport;
import io.mlops.hardware.Hardware;
import io.mlops.labels.live.PullResult;
import io.mlops.labels.scan.LabeledCapture;
import io.mlops.onnx.convert.ConversionResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a Jenkins agent sends back to the controller (DESIGN.md principle 2) passes Jenkins'
 * remoting class filter only when listed: classes from a library inside a plugin (mlops-core is
 * one) are rejected otherwise. The list ships in this jar as {@code
 * META-INF/hudson.remoting.ClassFilter}, which Jenkins reads from every plugin's class path; this
 * test keeps it complete by walking every field the agent results can hold.
 */
class RemotingClassFilterTest {
    /** The records the mlops-steps-plugin's agent-side callables return. */
    private static final List<Class<?>> AGENT_RESULTS = List.of(
            CapturedSnapshot.class,
            LabeledCapture.class,
            PullResult.class,
            ConversionResult.class,
            EvaluationReport.class,
            Hardware.class,
            TransferResult.class);

    /** JDK serial forms that Jenkins' built-in whitelist lacks: what List.of/Map.copyOf write. */
    private static final String IMMUTABLE_COLLECTIONS = "java.util.ImmutableCollections$CollSer";

    @Test
    void shouldListEveryClassTheAgentResultsCanHold() throws IOException {
        assertThat(listed()).isEqualTo(reachable());
    }

    @Test
    void shouldHoldOnlySerializableClasses() {
        for (String name : reachable()) {
            if (name.equals(IMMUTABLE_COLLECTIONS)) {
                continue;
            }
            try {
                assertThat(Serializable.class.isAssignableFrom(Class.forName(name)))
                        .as(name + " travels from the agent, so it must be Serializable")
                        .isTrue();
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Set<String> listed() throws IOException {
        try (InputStream in =
                RemotingClassFilterTest.class.getResourceAsStream("/META-INF/hudson.remoting.ClassFilter")) {
            assertThat(in)
                    .as("META-INF/hudson.remoting.ClassFilter in mlops-core")
                    .isNotNull();
            Set<String> names = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(names::add);
            return names;
        }
    }

    /** Suite classes (enums and exceptions too, to be plain) and the JDK serial forms not whitelisted. */
    private static Set<String> reachable() {
        Set<String> names = new TreeSet<>();
        Set<Class<?>> seen = new java.util.HashSet<>();
        Deque<Type> work = new ArrayDeque<>(AGENT_RESULTS);
        while (!work.isEmpty()) {
            Type type = work.pop();
            if (type instanceof ParameterizedType parameterized) {
                work.push(parameterized.getRawType());
                List.of(parameterized.getActualTypeArguments()).forEach(work::push);
            } else if (type instanceof GenericArrayType array) {
                work.push(array.getGenericComponentType());
            } else if (type instanceof WildcardType wildcard) {
                List.of(wildcard.getUpperBounds()).forEach(work::push);
            } else if (type instanceof Class<?> c && seen.add(c)) {
                if (c.isArray()) {
                    work.push(c.getComponentType());
                } else if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
                    names.add(IMMUTABLE_COLLECTIONS);
                } else if (c.getName().startsWith("io.mlops.")) {
                    names.add(c.getName());
                    if (c.isSealed()) {
                        List.of(c.getPermittedSubclasses()).forEach(work::push);
                    }
                    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                        for (Field field : k.getDeclaredFields()) {
                            int modifiers = field.getModifiers();
                            if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                                work.push(field.getGenericType());
                            }
                        }
                    }
                }
            }
        }
        return names;
    }
}
