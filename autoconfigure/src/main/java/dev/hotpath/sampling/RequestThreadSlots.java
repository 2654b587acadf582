package dev.hotpath.sampling;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The threads that are inside a request right now. async-profiler clears its wall-clock
 * thread filter whenever a chunk starts, so the sampler puts these threads back after
 * each rotation. Each thread takes a slot on its first request and keeps it; entering and
 * leaving a request is one array write, without allocation. Slots of dead threads are
 * reclaimed at rotation; a thread that finds no free slot is simply not put back.
 */
final class RequestThreadSlots {

	private static final int NO_SLOT = -1;

	private final AtomicReferenceArray<Thread> inRequest;

	private final Thread[] owners;

	private final AtomicInteger nextFresh = new AtomicInteger();

	private final ConcurrentLinkedQueue<Integer> reclaimed = new ConcurrentLinkedQueue<>();

	private final ThreadLocal<int[]> slotOfThread = ThreadLocal.withInitial(() -> new int[] { claim() });

	RequestThreadSlots(int capacity) {
		this.inRequest = new AtomicReferenceArray<>(capacity);
		this.owners = new Thread[capacity];
	}

	void entered() {
		int slot = this.slotOfThread.get()[0];
		if (slot != NO_SLOT) {
			this.inRequest.setRelease(slot, Thread.currentThread());
		}
	}

	void exited() {
		int slot = this.slotOfThread.get()[0];
		if (slot != NO_SLOT) {
			this.inRequest.setRelease(slot, null);
		}
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
