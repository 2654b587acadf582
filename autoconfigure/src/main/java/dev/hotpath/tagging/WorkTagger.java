package dev.hotpath.tagging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.jspecify.annotations.Nullable;

/**
 * Marks, on any thread, the intervals in which the thread works for a traced span: from
 * the moment a context with that span becomes current on the thread until another context
 * (or none) replaces it. Each interval goes into the recording as a span event tagged
 * {@value #SCOPE_TAG} and into the {@link ScopeLog} with its trace and span ids, so that
 * every sample taken inside it can be labeled with them, whatever thread pool, executor
 * or virtual thread ran the work. A thread that works for a span is also sampled by the
 * wall clock.
 * <p>
 * A span that is a local root of a job (a scheduled method, a message listener) is also
 * logged as a completed request of its job endpoint when the thread stops working for it.
 * <p>
 * Every method is allocation-free once a thread has its state (one small array, on its
 * first call) and never throws into the caller.
 */
public final class WorkTagger {

	/** The tag of scope intervals in the recording. */
	public static final String SCOPE_TAG = "[scope]";

	private static final int START = 0;

	private static final int TRACE_HIGH = 1;

	private static final int TRACE_LOW = 2;

	private static final int SPAN = 3;

	private static final int PARENT = 4;

	private static final int NAME = 5;

	private static final int ROOT = 6;

	private static final int WORKING = 7;

	private static final int JOB = 8;

	private static final int JOB_MILLIS = 9;

	private static final int JOB_NANOS = 10;

	private static final int JOB_SPAN = 11;

	private static final int IN_REQUEST = 12;

	private static final int REQUEST_TRACE_HIGH = 13;

	private static final int REQUEST_TRACE_LOW = 14;

	private static final int REQUEST_SPAN = 15;

	private static final int PENDING_JOB = 16;

	private static final int PENDING_JOB_SPAN = 17;

	private static final int PENDING_NAME = 18;

	private static final int PROPAGATED = 19;

	/** 1 while the thread works for a probe's trace: entered quietly. */
	private static final int PROBE = 20;

	private static final int FIELDS = 21;

	/** How many of the latest probes' traces are known. */
	private static final int PROBE_SLOTS = 16;

	private static final List<WorkTagger> started = new CopyOnWriteArrayList<>();

	private static volatile @Nullable WorkTagger active;

	private final ScopeLog scopes;

	private final RequestLog requests;

	private final RequestThreads threads;

	private final ThreadLocal<long[]> state = ThreadLocal.withInitial(() -> new long[FIELDS]);

	/**
	 * The trace ids of the latest probes, high and low bits per slot, written in turn.
	 */
	private final AtomicLongArray probeTraces = new AtomicLongArray(2 * PROBE_SLOTS);

	private final AtomicInteger nextProbeSlot = new AtomicInteger();

	/** Whether any probe's trace was announced: until then, none is looked up. */
	private volatile boolean probesSeen;

	/**
	 * Creates a tagger.
	 * @param scopes receives closed intervals
	 * @param requests receives completed jobs
	 * @param threads tells the sampler which threads to sample by the wall clock
	 */
	public WorkTagger(ScopeLog scopes, RequestLog requests, RequestThreads threads) {
		this.scopes = scopes;
		this.requests = requests;
		this.threads = threads;
	}

	/**
	 * Makes this tagger the one that follows scopes in this JVM. Scope hooks are JVM-wide
	 * (OpenTelemetry's context storage, Boot's scope events reach every application
	 * context), so when several application contexts run in one JVM (tests that keep
	 * contexts cached), only the last one started marks intervals: two taggers would
	 * write two intervals for every scope, and each chunk processor would know the ids of
	 * only its own.
	 */
	public void start() {
		started.add(this);
		active = this;
	}

	/** Stops following scopes; the tagger started before this one takes over. */
	public void stop() {
		started.remove(this);
		int count = started.size();
		active = (count > 0) ? started.get(count - 1) : null;
	}

	/**
	 * The current thread now works for a span.
	 * @param traceIdHigh the trace id's high 64 bits
	 * @param traceIdLow the trace id's low 64 bits
	 * @param spanId the span id
	 * @param parentSpanId the parent span's id, or 0 when unknown or none
	 * @param name the span's name id, or 0
	 * @param root whether the span is a root in this process
	 * @param jobEndpoint the endpoint id of the job this span roots, or -1
	 */
	public void enter(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, int name, boolean root,
			int jobEndpoint) {
		if (active != this) {
			return;
		}
		long[] state = this.state.get();
		if (state[WORKING] != 0 && state[SPAN] == spanId && state[TRACE_LOW] == traceIdLow
				&& state[TRACE_HIGH] == traceIdHigh) {
			return;
		}
		closeInterval(state);
		if (state[JOB] != 0 && (state[TRACE_HIGH] != traceIdHigh || state[TRACE_LOW] != traceIdLow)) {
			endJob(state);
		}
		if (state[PENDING_JOB_SPAN] == spanId && (state[PENDING_JOB] != 0 || state[PENDING_NAME] != 0)) {
			if (jobEndpoint < 0 && state[PENDING_JOB] != 0) {
				jobEndpoint = (int) (state[PENDING_JOB] - 1);
				root = true;
			}
			if (name == 0) {
				name = (int) state[PENDING_NAME];
			}
			state[PENDING_JOB] = 0;
			state[PENDING_NAME] = 0;
		}
		if (state[WORKING] == 0) {
			state[WORKING] = 1;
			enterThread(state, traceIdHigh, traceIdLow);
		}
		else if (state[PROBE] != 0 && (state[TRACE_HIGH] != traceIdHigh || state[TRACE_LOW] != traceIdLow)
				&& !isProbe(traceIdHigh, traceIdLow)) {
			// from a probe's work straight to a request's: that counts
			this.threads.exited();
			enterThread(state, traceIdHigh, traceIdLow);
		}
		if (jobEndpoint >= 0 && state[JOB] == 0) {
			state[JOB] = jobEndpoint + 1L;
			state[JOB_MILLIS] = System.currentTimeMillis();
			state[JOB_NANOS] = System.nanoTime();
			state[JOB_SPAN] = spanId;
		}
		state[TRACE_HIGH] = traceIdHigh;
		state[TRACE_LOW] = traceIdLow;
		state[SPAN] = spanId;
		state[PARENT] = parentSpanId;
		state[NAME] = name;
		state[ROOT] = (root ? 1 : 0) | ((jobEndpoint >= 0) ? 2 : 0);
		state[START] = Intervals.start();
	}

	/**
	 * Names the span that the current thread works for, or is about to, and says whether
	 * it roots a job. For tracers that name spans only when they end (Micrometer's
	 * bridge), whose names come from the observation instead.
	 * @param spanId the span
	 * @param name the span's name id, or 0
	 * @param jobEndpoint the endpoint id of the job it roots, or -1
	 */
	public void observed(long spanId, int name, int jobEndpoint) {
		if (active != this) {
			return;
		}
		long[] state = this.state.get();
		if (state[WORKING] != 0 && state[SPAN] == spanId) {
			if (name != 0) {
				state[NAME] = name;
			}
			if (jobEndpoint < 0) {
				return;
			}
			state[ROOT] |= 3;
			if (state[JOB] == 0) {
				state[JOB] = jobEndpoint + 1L;
				state[JOB_MILLIS] = System.currentTimeMillis();
				state[JOB_NANOS] = System.nanoTime();
				state[JOB_SPAN] = spanId;
			}
		}
		else {
			state[PENDING_JOB] = jobEndpoint + 1L;
			state[PENDING_NAME] = name;
			state[PENDING_JOB_SPAN] = spanId;
		}
	}

	/**
	 * The current thread now works for a span that context propagation carried to it (see
	 * {@link WorkAccessor}).
	 * @param traceIdHigh the trace id's high 64 bits
	 * @param traceIdLow the trace id's low 64 bits
	 * @param spanId the span id
	 */
	public void enterPropagated(long traceIdHigh, long traceIdLow, long spanId) {
		this.state.get()[PROPAGATED] = 1;
		enter(traceIdHigh, traceIdLow, spanId, 0, 0, false, -1);
	}

	/**
	 * Context propagation takes away what it carried to this thread. Leaves only work
	 * that {@link #enterPropagated} began: Reactor clears and restores every registered
	 * accessor around each operator, also while a tracer's scope, which is not
	 * propagation's to end, is current.
	 */
	public void leavePropagated() {
		long[] state = this.state.get();
		if (state[PROPAGATED] != 0) {
			state[PROPAGATED] = 0;
			leave();
		}
	}

	/** The current thread now works for no span. */
	public void leave() {
		long[] state = this.state.get();
		if (state[WORKING] == 0) {
			return;
		}
		closeInterval(state);
		if (state[JOB] != 0) {
			endJob(state);
		}
		state[WORKING] = 0;
		state[PROBE] = 0;
		this.threads.exited();
	}

	private void enterThread(long[] state, long traceIdHigh, long traceIdLow) {
		if (isProbe(traceIdHigh, traceIdLow)) {
			state[PROBE] = 1;
			this.threads.probeEntered();
		}
		else {
			state[PROBE] = 0;
			this.threads.entered();
		}
	}

	/**
	 * A probe (a request to the actuator: a health check, a scrape) began with this
	 * trace: threads that work for the trace are sampled, but not counted as the
	 * application working, so that probes do not keep wall-clock sampling of an idle
	 * application on. For web stacks where the probe's span scopes open before any filter
	 * can say it is a probe (WebFlux). The traces of the last {@value #PROBE_SLOTS}
	 * probes are known, so that scopes that reopen after a probe's observation stopped
	 * (Reactor's last signals) stay the probe's. Allocation-free.
	 * @param traceIdHigh the trace id's high 64 bits
	 * @param traceIdLow the trace id's low 64 bits
	 */
	public void probeStarted(long traceIdHigh, long traceIdLow) {
		int slot = Math.floorMod(this.nextProbeSlot.getAndIncrement(), PROBE_SLOTS);
		this.probeTraces.set(2 * slot, traceIdHigh);
		this.probeTraces.set(2 * slot + 1, traceIdLow);
		this.probesSeen = true;
	}

	/**
	 * Whether the trace is one of the last probes'. Costs one volatile read until the
	 * first probe, then up to {@value #PROBE_SLOTS} comparisons, when a thread begins
	 * working.
	 */
	private boolean isProbe(long traceIdHigh, long traceIdLow) {
		if (!this.probesSeen) {
			return false;
		}
		for (int slot = 0; slot < PROBE_SLOTS; slot++) {
			if (this.probeTraces.get(2 * slot + 1) == traceIdLow && this.probeTraces.get(2 * slot) == traceIdHigh) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The current thread starts serving a request with these ids; its own interval is
	 * marked by the request filter, so this only makes the ids known to {@link #current},
	 * for context propagation without a tracer.
	 * @param traceIdHigh the trace id's high 64 bits
	 * @param traceIdLow the trace id's low 64 bits
	 * @param spanId the request's span id
	 */
	public void requestStarted(long traceIdHigh, long traceIdLow, long spanId) {
		long[] state = this.state.get();
		state[IN_REQUEST] = 1;
		state[REQUEST_TRACE_HIGH] = traceIdHigh;
		state[REQUEST_TRACE_LOW] = traceIdLow;
		state[REQUEST_SPAN] = spanId;
	}

	/** The current thread is done serving its request. */
	public void requestEnded() {
		this.state.get()[IN_REQUEST] = 0;
	}

	/**
	 * Writes the ids of the span the current thread works for: the span of its current
	 * scope, else its request's.
	 * @param ids receives trace id high and low bits and the span id
	 * @return whether the thread works for a span
	 */
	public boolean current(long[] ids) {
		long[] state = this.state.get();
		if (state[WORKING] != 0) {
			ids[0] = state[TRACE_HIGH];
			ids[1] = state[TRACE_LOW];
			ids[2] = state[SPAN];
			return true;
		}
		if (state[IN_REQUEST] != 0) {
			ids[0] = state[REQUEST_TRACE_HIGH];
			ids[1] = state[REQUEST_TRACE_LOW];
			ids[2] = state[REQUEST_SPAN];
			return true;
		}
		return false;
	}

	private void closeInterval(long[] state) {
		long start = state[START];
		if (start == 0) {
			return;
		}
		state[START] = 0;
		// the row goes first, so that it is never drained after its span event is read;
		// it has the end too, which a logged interval needs and which rebuilds a recorded
		// one whose span event async-profiler dropped
		long end = Intervals.now(start);
		this.scopes.record(start, end, state[TRACE_HIGH], state[TRACE_LOW], state[SPAN], state[PARENT],
				(int) state[NAME], (state[ROOT] & 1) != 0, (state[ROOT] & 2) != 0);
		Intervals.end(start, end, SCOPE_TAG);
	}

	private void endJob(long[] state) {
		int endpoint = (int) (state[JOB] - 1);
		state[JOB] = 0;
		this.requests.record(endpoint, 0, state[JOB_MILLIS], System.nanoTime() - state[JOB_NANOS], 200,
				state[TRACE_HIGH], state[TRACE_LOW], state[JOB_SPAN]);
	}

}
