package io.integrityagent.capture;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.util.JdkPackages;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The application frame that issued a statement: the first frame on the current stack that belongs neither
 * to the JDK, nor to a JDBC driver, pool or framework's JDBC layer, nor to the agent. Any class implementing a
 * JDBC interface is plumbing (a driver, a pool's proxy, a hand-written wrapper); the agent's own classes are
 * told by the jar they come from, not by package, so an application may share the agent's package prefix.
 */
public final class CallSite {

    /** Besides the JDK's and the drivers' packages (which {@link DatabaseSystem} knows). */
    private static final String[] INFRASTRUCTURE = {
        // pools and JDBC wrappers
        "oracle.ucp.", "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.tomcat.jdbc.",
        "org.apache.tomcat.dbcp.", "com.mchange.", "org.vibur.", "io.agroal.", "com.alibaba.druid.", "com.p6spy.",
        "net.ttddyy.", "net.sf.log4jdbc.", "io.opentelemetry.",
        // frameworks' JDBC layers
        "org.springframework.jdbc.", "org.springframework.orm.", "org.springframework.dao.",
        "org.springframework.transaction.", "org.springframework.aop.", "org.springframework.cglib.",
        "org.springframework.data.", "org.hibernate.", "org.eclipse.persistence.", "org.jooq.",
        "org.apache.ibatis.", "org.mybatis.", "org.jdbi.", "org.sql2o.", "com.querydsl.", "org.flywaydb.",
        "liquibase.", "io.ebean.", "org.apache.openjpa.", "$Proxy"
    };

    /**
     * The slots of a walk's first batch that JDK 17 keeps for itself out of the estimated depth; JDK 25 adds its
     * own to the estimate. Releases between are sized as 17: a frame filled in vain costs less than a second batch.
     */
    static final int RESERVED_SLOTS = Runtime.version().feature() < 25 ? 2 : 0;

    /**
     * The deepest first batch sized to the last call site; deeper stacks continue in the JDK's own batches.
     * Framework stacks (Spring Data, Hibernate) put the call site tens of frames down.
     */
    static final int MAX_FIRST_BATCH = 128;

    /**
     * Walkers by first batch size, made when first needed. The JDK fills every slot of a batch at a cost per
     * frame (it resolves the frame's method), and a batch too small for the call site costs a second one twice
     * its size: through a pool, a first batch of 10 for a call site 9 frames down filled 28 frames.
     */
    private static final StackWalker[] WALKERS = new StackWalker[MAX_FIRST_BATCH + 1];

    /**
     * How many frames down the last call site was found. Violations come in runs from the same few places, so it
     * sizes the next walk's first batch; a wrong guess costs a batch more, never a wrong answer. Written only when
     * it changes, so a storm from one place does not share a written field across cores.
     */
    private static volatile int lastDepth = 8;

    private static final CodeSource AGENT = CallSite.class.getProtectionDomain().getCodeSource();

    /**
     * Whether a class's frames are passed over, decided once per class: every violation walks the same few
     * classes, and the answer of a class never changes. Held by the class itself, so it pins no class loader.
     */
    private static final ClassValue<Boolean> PASSED_OVER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isAgent(type) || isJdbcImplementation(type) || isInfrastructure(type.getName());
        }
    };

    /**
     * The descriptions of the call sites found so far, per class: finding a frame's line makes the JVM build a
     * stack trace element and its strings anew each time, and a storm repeats the same call sites.
     */
    private static final ClassValue<Map<Frame, String>> DESCRIPTIONS = new ClassValue<>() {
        @Override
        protected Map<Frame, String> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** Beyond this many call sites remembered in all, further ones are described anew each time. */
    static final int MAX_DESCRIPTIONS = 1024;
    private static final AtomicInteger DESCRIBED = new AtomicInteger();

    private CallSite() {
    }

    /**
     * The walker that finds the call site with {@link #search()}, its first batch sized to where the last call site
     * was found. The walk is begun by the caller, {@code CallSite.walker().walk(CallSite.search())}, rather than in
     * a method here: every frame above the call site is one more for the JVM to fill.
     */
    public static StackWalker walker() {
        return walkerFor(lastDepth);
    }

    /**
     * One walk to the call site, and what the frames passed over on the way to it tell about the layer that ran
     * the statement. It keeps what it reads: a new one for every walk.
     */
    public static Function<Stream<StackWalker.StackFrame>, Located> search() {
        return new Walk();
    }

    /** A walker whose first batch holds {@code depth} frames and the JDK's reserved slots, within the bound. */
    static StackWalker walkerFor(int depth) {
        int batch = Math.min(Math.max(depth, 1) + RESERVED_SLOTS, MAX_FIRST_BATCH);
        StackWalker walker = WALKERS[batch];
        if (walker == null) {
            // Shows reflection frames, which are passed over anyway as the JDK's: the walker would otherwise test
            // each frame's class against the reflection types itself, a good part of the walk's cost.
            walker = StackWalker.getInstance(EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE,
                    StackWalker.Option.SHOW_REFLECT_FRAMES), batch);
            WALKERS[batch] = walker; // a race makes an equal walker twice, no more
        }
        return walker;
    }

    /** One walk to the call site, counting the frames on the way and reading those passed over. */
    private static final class Walk implements Function<Stream<StackWalker.StackFrame>, Located> {
        private final AccessFrames between = new AccessFrames();

        @Override
        public Located apply(Stream<StackWalker.StackFrame> frames) {
            int depth = 0;
            for (Iterator<StackWalker.StackFrame> walked = frames.iterator(); walked.hasNext(); ) {
                StackWalker.StackFrame frame = walked.next();
                depth++;
                if (!PASSED_OVER.get(frame.getDeclaringClass())) {
                    if (depth != lastDepth) {
                        lastDepth = depth;
                    }
                    return new Located(describe(frame), between.path());
                }
                between.see(frame.getClassName(), frame::getMethodName, frame.getDeclaringClass());
            }
            return new Located(null, between.path());
        }
    }

    /** The application frame that issued a statement, and the way the statement came from it. */
    public static final class Located {
        private final String callSite;
        private final AccessPath path;

        Located(String callSite, AccessPath path) {
            this.callSite = callSite;
            this.path = path;
        }

        /** {@code com.example.Orders.place(Orders.java:42)}, or null when the whole stack is infrastructure. */
        public String callSite() {
            return callSite;
        }

        public AccessPath path() {
            return path;
        }
    }

    private static boolean isAgent(Class<?> type) {
        return type.getClassLoader() == CallSite.class.getClassLoader()
                && Objects.equals(type.getProtectionDomain().getCodeSource(), AGENT);
    }

    private static boolean isJdbcImplementation(Class<?> type) {
        return Statement.class.isAssignableFrom(type) || Connection.class.isAssignableFrom(type)
                || DataSource.class.isAssignableFrom(type) || ResultSet.class.isAssignableFrom(type);
    }

    static boolean isInfrastructure(String className) {
        if (JdkPackages.contains(className) || DatabaseSystem.ofDriverClass(className) != null) {
            return true;
        }
        for (String prefix : INFRASTRUCTURE) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return className.contains("$$") || className.contains("$Proxy");
    }

    private static String describe(StackWalker.StackFrame frame) {
        Map<Frame, String> known = DESCRIPTIONS.get(frame.getDeclaringClass());
        Frame key = new Frame(frame.getMethodName(), frame.getDescriptor(), frame.getByteCodeIndex());
        String description = known.get(key);
        if (description == null) {
            description = describeNow(frame);
            if (DESCRIBED.get() < MAX_DESCRIPTIONS && known.putIfAbsent(key, description) == null) {
                DESCRIBED.incrementAndGet();
            }
        }
        return description;
    }

    private static String describeNow(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        String location = file == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? file + ":" + frame.getLineNumber() : file;
        return frame.getClassName() + "." + frame.getMethodName() + "(" + location + ")";
    }

    /**
     * A point in a method of a known class: its name and descriptor (overloads differ), and the bytecode index.
     * The descriptor as the walker has it, a string: its method type would be parsed from it anew at each walk.
     */
    private static final class Frame {
        private final String method;
        private final String descriptor;
        private final int bytecodeIndex;

        Frame(String method, String descriptor, int bytecodeIndex) {
            this.method = method;
            this.descriptor = descriptor;
            this.bytecodeIndex = bytecodeIndex;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Frame)) {
                return false;
            }
            Frame that = (Frame) other;
            return bytecodeIndex == that.bytecodeIndex && method.equals(that.method)
                    && descriptor.equals(that.descriptor);
        }

        @Override
        public int hashCode() {
            return (method.hashCode() * 31 + descriptor.hashCode()) * 31 + bytecodeIndex;
        }
    }
}
