package dev.hotpath.sampling;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The threads that work for a request right now: request threads inside the filter and
 * worker threads with a request's context current. async-profiler clears its wall-clock
 * thread filter whenever a chunk starts, so the sampler puts these threads back after
 * each rotation. Reasons nest: a thread leaves the filter when its last reason ends. Each
 * thread takes a slot on its first request and keeps it; entering and leaving a request
 * is one array write, without allocation. Slots of dead threads are reclaimed at
 * rotation; a thread that finds no free slot is simply not put back. Each slot also
 * counts how often its thread began working, written by that thread alone, so that the
 * sampler can tell an idle application from a busy one without a shared counter.
 */
final class RequestThreadSlots {

	private static final int NO_SLOT = -1;

	private final AtomicReferenceArray<Thread> inRequest;

	private final Thread[] owners;

	/** How often each slot's thread began working; only that thread writes its slot. */
	private final AtomicIntegerArray entries;

	/**
	 * 1 where the slot's thread works for a probe only; only that thread writes its slot.
	 */
	private final AtomicIntegerArray probing;

	/** How often threads without a slot began working. */
	private final AtomicInteger entriesWithoutSlot = new AtomicInteger();

	private final AtomicInteger nextFresh = new AtomicInteger();

	private final ConcurrentLinkedQueue<Integer> reclaimed = new ConcurrentLinkedQueue<>();

	/** Per thread: its slot, and how many nested reasons it has to be sampled. */
	private final ThreadLocal<int[]> slotOfThread = ThreadLocal.withInitial(() -> new int[] { claim(), 0 });

	RequestThreadSlots(int capacity) {
		this.inRequest = new AtomicReferenceArray<>(capacity);
		this.owners = new Thread[capacity];
		this.entries = new AtomicIntegerArray(capacity);
		this.probing = new AtomicIntegerArray(capacity);
	}

	/**
	 * The current thread starts working for a request, perhaps inside another reason (a
	 * request thread that also has a traced scope open).
	 * @return whether the thread was working for nothing before
	 */
	boolean entered() {
		return enter(true);
	}

	/**
	 * The current thread starts working for a probe (a request to the actuator): like
	 * {@link #entered()}, but not counted in {@link #activity()}.
	 * @return whether the thread was working for nothing before
	 */
	boolean enteredQuietly() {
		return enter(false);
	}

	private boolean enter(boolean counted) {
		int[] state = this.slotOfThread.get();
		if (state[1]++ > 0) {
			return false;
		}
		int slot = state[0];
		if (slot != NO_SLOT) {
			this.probing.setRelease(slot, counted ? 0 : 1);
			this.inRequest.setRelease(slot, Thread.currentThread());
			if (counted) {
				this.entries.setRelease(slot, this.entries.getPlain(slot) + 1);
			}
		}
		else if (counted) {
			this.entriesWithoutSlot.incrementAndGet();
		}
		return true;
	}

	/**
	 * The current thread stops working for one reason.
	 * @return whether the thread now works for nothing
	 */
	boolean exited() {
		int[] state = this.slotOfThread.get();
		if (state[1] == 0 || --state[1] > 0) {
			return false;
		}
		if (state[0] != NO_SLOT) {
			this.inRequest.setRelease(state[0], null);
		}
		return true;
	}

	/**
	 * A number that changes whenever a thread begins working for a request: the sum of
	 * the slots' counts. Compared between two rotations, it tells whether any request
	 * began in between.
	 */
	long activity() {
		long sum = this.entriesWithoutSlot.get();
		int used = Math.min(this.nextFresh.get(), this.owners.length);
		for (int slot = 0; slot < used; slot++) {
			sum += this.entries.getAcquire(slot);
		}
		return sum;
	}

	/** Whether any thread works for a request right now, probes aside. */
	boolean anyInRequest() {
		int used = Math.min(this.nextFresh.get(), this.owners.length);
		for (int slot = 0; slot < used; slot++) {
			if (this.inRequest.getAcquire(slot) != null && this.probing.getAcquire(slot) == 0) {
				return true;
			}
		}
		return false;
	}

	/** Visits each thread inside a request and reclaims the slots of dead threads. */
	void forEachInRequest(Consumer<Thread> action) {
		int used = Math.min(this.nextFresh.get(), this.owners.length);
		for (int slot = 0; slot < used; slot++) {
			Thread thread = this.inRequest.getAcquire(slot);
			if (thread != null && thread.isAlive()) {
				action.accept(thread);
			}
			reclaimIfDead(slot);
		}
	}

	private int claim() {
		Integer reused = this.reclaimed.poll();
		int slot = (reused != null) ? reused : this.nextFresh.getAndIncrement();
		if (slot >= this.owners.length) {
			return NO_SLOT;
		}
		synchronized (this.owners) {
			this.owners[slot] = Thread.currentThread();
		}
		return slot;
	}

	private void reclaimIfDead(int slot) {
		synchronized (this.owners) {
			Thread owner = this.owners[slot];
			if (owner != null && !owner.isAlive()) {
				this.owners[slot] = null;
				this.inRequest.set(slot, null);
				this.reclaimed.add(slot);
			}
		}
	}

}
