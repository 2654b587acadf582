package dev.hotpath.profile;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Every recent sample taken for a span, with its trace and span ids: a ring of primitive
 * rows whose stacks are stored once in a {@link StackTrie}. Memory is fixed by the row
 * capacity and the trie size: the ring overwrites its oldest rows, and when a trie fills,
 * a new one starts and the old one is dropped once no retained row uses it (rows older
 * than the trie before it are given up). Rows older than the trace retention are not
 * answered. Rows live in pages of {@value #PAGE_ROWS}, each made when first written and
 * freed once all its rows are older than the retention, so the pages held follow the
 * traffic of the retention rather than the capacity, and no column is one array large
 * enough to be a humongous object for G1 (half a region or more: a 2 MB column takes 3 or
 * 4 MB of heap).
 */
final class TraceSamples {

	private static final int MAX_NAMES = 8192;

	/** Rows per block; each block remembers its latest sample time. */
	private static final int BLOCK_ROWS = 1024;

	/** Rows per page: 64 KB a {@code long} column, about 560 KB a page. */
	private static final int PAGE_ROWS = 8 * BLOCK_ROWS;

	private final int capacity;

	private final long retentionMillis;

	private final int maxTrieNodes;

	private final @Nullable Page[] pages;

	/** The latest time of the rows in each page. */
	private final long[] pageLatest;

	/**
	 * The latest time of the rows in each block of {@link #BLOCK_ROWS} sequences, so that
	 * a visit from a recent moment skips the blocks written before it without reading
	 * their rows. Rows are not written in time order (a chunk's samples, then the samples
	 * that waited for their span), so a block is skipped only by its latest time.
	 */
	private final long[] blockLatest;

	private final NameTable names = new NameTable(MAX_NAMES);

	private StackTrie trie;

	private StackTrie previousTrie;

	/** The sequence of the first row whose stack is in {@link #trie}. */
	private long trieStart;

	/** The latest time of the rows whose stacks are in {@link #trie}. */
	private long trieLatest = Long.MIN_VALUE;

	/** The latest time of the rows whose stacks are in {@link #previousTrie}. */
	private long previousTrieLatest = Long.MIN_VALUE;

	/** The sequence of the first row whose stack is in {@link #previousTrie}. */
	private long previousTrieStart;

	private long written;

	private long dropped;

	/** The latest time of a row overwritten or given up, or {@code Long.MIN_VALUE}. */
	private long lostMillis = Long.MIN_VALUE;

	TraceSamples(int capacity, long retentionMillis, int maxTrieNodes) {
		this.capacity = Math.max(capacity, 1);
		this.retentionMillis = retentionMillis;
		this.maxTrieNodes = maxTrieNodes;
		this.pages = new Page[(this.capacity + PAGE_ROWS - 1) / PAGE_ROWS];
		this.pageLatest = new long[this.pages.length];
		Arrays.fill(this.pageLatest, Long.MIN_VALUE);
		// one more block than the ring spans, so that no retained row's block is reused
		this.blockLatest = new long[(this.capacity + BLOCK_ROWS - 1) / BLOCK_ROWS + 1];
		this.trie = new StackTrie(maxTrieNodes);
		this.previousTrie = this.trie;
	}

	/**
	 * Adds one sample.
	 * @param timeMillis when it was taken
	 * @param traceIdHigh its trace id's high bits
	 * @param traceIdLow its trace id's low bits
	 * @param span its span id
	 * @param parent its span's parent, or 0
	 * @param root its span's local root (the request's server span, a job's root), or 0
	 * when not known
	 * @param spanName its span's name, or {@code null}
	 * @param thread its thread's name
	 * @param endpointName its endpoint, or {@code null} when it has none yet
	 * @param sampleType its profile type
	 * @param frames its stack
	 * @param sampleWeight its weight
	 */
	void add(long timeMillis, long traceIdHigh, long traceIdLow, long span, long parent, long root,
			@Nullable String spanName, String thread, @Nullable String endpointName, ProfileType sampleType,
			int[] frames, long sampleWeight) {
		if (this.trie.full()) {
			long retainedInPrevious = this.trieStart
					- Math.max(this.previousTrieStart, Math.max(0, this.written - this.capacity));
			if (this.previousTrie != this.trie && retainedInPrevious > 0) {
				this.dropped += retainedInPrevious;
				for (long sequence = this.trieStart - retainedInPrevious; sequence < this.trieStart; sequence++) {
					int row = (int) (sequence % this.capacity);
					Page page = this.pages[row / PAGE_ROWS];
					if (page != null) {
						this.lostMillis = Math.max(this.lostMillis, page.time[row % PAGE_ROWS]);
					}
				}
			}
			this.previousTrie = this.trie;
			this.previousTrieStart = this.trieStart;
			this.previousTrieLatest = this.trieLatest;
			this.trieLatest = Long.MIN_VALUE;
			this.trie = new StackTrie(this.maxTrieNodes);
			this.trieStart = this.written;
		}
		int row = (int) (this.written % this.capacity);
		int at = row % PAGE_ROWS;
		Page page = this.pages[row / PAGE_ROWS];
		if (page == null) {
			page = new Page(Math.min(PAGE_ROWS, this.capacity - (row - at)));
			this.pages[row / PAGE_ROWS] = page;
		}
		else if (this.written >= this.capacity) {
			this.lostMillis = Math.max(this.lostMillis, page.time[at]);
		}
		page.time[at] = timeMillis;
		page.traceHigh[at] = traceIdHigh;
		page.traceLow[at] = traceIdLow;
		page.spanId[at] = span;
		page.parentSpanId[at] = parent;
		page.rootSpanId[at] = root;
		page.weight[at] = sampleWeight;
		page.stack[at] = this.trie.id(frames);
		page.labels[at] = (name(spanName) << 16) | name(thread);
		page.endpoint[at] = name(endpointName);
		page.type[at] = (byte) sampleType.ordinal();
		this.pageLatest[row / PAGE_ROWS] = Math.max(this.pageLatest[row / PAGE_ROWS], timeMillis);
		this.trieLatest = Math.max(this.trieLatest, timeMillis);
		int block = block(this.written);
		this.blockLatest[block] = (this.written % BLOCK_ROWS == 0) ? timeMillis
				: Math.max(this.blockLatest[block], timeMillis);
		this.written++;
	}

	/**
	 * Frees the pages whose rows are all older than the retention, and the previous stack
	 * trie once its rows are: what a page held is no longer answered, and the writer
	 * makes the page again when it comes round. So the pages held follow the rows of the
	 * retention, not the capacity.
	 * @param nowMillis the current time
	 */
	void expire(long nowMillis) {
		long oldest = nowMillis - this.retentionMillis;
		int writing = (int) (this.written % this.capacity) / PAGE_ROWS;
		for (int page = 0; page < this.pages.length; page++) {
			if (this.pages[page] != null && page != writing && this.pageLatest[page] < oldest) {
				this.lostMillis = Math.max(this.lostMillis, this.pageLatest[page]);
				this.pages[page] = null;
				this.pageLatest[page] = Long.MIN_VALUE;
			}
		}
		if (this.previousTrie != this.trie && this.previousTrieLatest < oldest) {
			this.lostMillis = Math.max(this.lostMillis, this.previousTrieLatest);
			this.previousTrie = this.trie;
			this.previousTrieStart = this.trieStart;
		}
	}

	/**
	 * Visits the retained samples of one trace, oldest first.
	 * @param traceIdHigh the trace id's high bits
	 * @param traceIdLow the trace id's low bits
	 * @param nowMillis the current time
	 * @param visitor receives each sample
	 * @return how many samples were visited
	 */
	int forTrace(long traceIdHigh, long traceIdLow, long nowMillis, TraceSampleVisitor visitor) {
		return forTrace(traceIdHigh, traceIdLow, Long.MIN_VALUE, nowMillis, visitor);
	}

	/**
	 * Visits the retained samples of one trace taken from a moment on, oldest first. Only
	 * the rows written since that moment are read, so keeping a request that has just
	 * finished costs its own samples rather than the whole ring.
	 * @param traceIdHigh the trace id's high bits
	 * @param traceIdLow the trace id's low bits
	 * @param sinceMillis the earliest sample time wanted
	 * @param nowMillis the current time
	 * @param visitor receives each sample
	 * @return how many samples were visited
	 */
	int forTrace(long traceIdHigh, long traceIdLow, long sinceMillis, long nowMillis, TraceSampleVisitor visitor) {
		return visit(Math.max(sinceMillis, nowMillis - this.retentionMillis), Long.MAX_VALUE, traceIdHigh, traceIdLow,
				(page, at, stack) -> visitor.sample(page.time[at], page.spanId[at], page.parentSpanId[at],
						nameOf(page.labels[at] >>> 16), nameOf(page.labels[at] & 0xFFFF), nameOf(page.endpoint[at]),
						ProfileType.values()[page.type[at]], stack, page.weight[at]));
	}

	/**
	 * Visits the retained samples of one trace, oldest first, with their local roots.
	 * @param traceIdHigh the trace id's high bits
	 * @param traceIdLow the trace id's low bits
	 * @param nowMillis the current time
	 * @param visitor receives each sample
	 * @return how many samples were visited
	 */
	int forTraceWithRoots(long traceIdHigh, long traceIdLow, long nowMillis, RecentSampleVisitor visitor) {
		return visit(nowMillis - this.retentionMillis, Long.MAX_VALUE, traceIdHigh, traceIdLow,
				(page, at, stack) -> recent(page, at, stack, visitor));
	}

	/**
	 * Visits the retained samples taken in a time range, oldest first.
	 * @param fromMillis the range's start, inclusive
	 * @param toMillis the range's end, exclusive
	 * @param nowMillis the current time
	 * @param visitor receives each sample
	 * @return how many samples were visited
	 */
	int forRange(long fromMillis, long toMillis, long nowMillis, RecentSampleVisitor visitor) {
		return visit(Math.max(fromMillis, nowMillis - this.retentionMillis), toMillis, 0, 0,
				(page, at, stack) -> recent(page, at, stack, visitor));
	}

	/**
	 * Visits the retained rows taken from {@code oldest} until {@code toMillis}, of one
	 * trace unless both trace id halves are 0, reading each one's stack from its trie.
	 */
	private int visit(long oldest, long toMillis, long traceIdHigh, long traceIdLow, RowVisitor visitor) {
		boolean anyTrace = traceIdHigh == 0 && traceIdLow == 0;
		int visited = 0;
		long first = firstRetained();
		for (long sequence = first; sequence < this.written; sequence++) {
			if ((sequence == first || sequence % BLOCK_ROWS == 0) && this.blockLatest[block(sequence)] < oldest) {
				// every row of this block is older than wanted: go on from the next block
				sequence = (sequence / BLOCK_ROWS + 1) * BLOCK_ROWS - 1;
				continue;
			}
			int row = (int) (sequence % this.capacity);
			Page page = this.pages[row / PAGE_ROWS];
			if (page == null) {
				// freed: every row of it is older than the retention
				continue;
			}
			int at = row % PAGE_ROWS;
			long time = page.time[at];
			if (time < oldest || time >= toMillis
					|| (!anyTrace && (page.traceLow[at] != traceIdLow || page.traceHigh[at] != traceIdHigh))) {
				continue;
			}
			StackTrie rowTrie = (sequence >= this.trieStart) ? this.trie : this.previousTrie;
			visitor.row(page, at, rowTrie.stack(page.stack[at]));
			visited++;
		}
		return visited;
	}

	private void recent(Page page, int at, int[] stack, RecentSampleVisitor visitor) {
		int label = page.labels[at];
		visitor.sample(page.time[at], page.traceHigh[at], page.traceLow[at], page.spanId[at], page.rootSpanId[at],
				nameOf(label >>> 16), nameOf(label & 0xFFFF), nameOf(page.endpoint[at]),
				ProfileType.values()[page.type[at]], stack, page.weight[at]);
	}

	/**
	 * The oldest moment from which every sample is still answered: the trace retention,
	 * or just after the latest sample that the ring overwrote or gave up.
	 */
	long retainedSince(long nowMillis) {
		long oldest = nowMillis - this.retentionMillis;
		return (this.lostMillis == Long.MIN_VALUE) ? oldest : Math.max(oldest, this.lostMillis + 1);
	}

	/** How many pages of rows are held. */
	int pagesHeld() {
		int held = 0;
		for (Page page : this.pages) {
			held += (page != null) ? 1 : 0;
		}
		return held;
	}

	/** How many rows the store holds at most. */
	int capacity() {
		return this.capacity;
	}

	/** Rows given up early because the stack tries filled before the ring went round. */
	long dropped() {
		return this.dropped;
	}

	private long firstRetained() {
		long first = Math.max(0, this.written - this.capacity);
		long inTries = (this.previousTrie != this.trie) ? this.previousTrieStart : this.trieStart;
		if (first < inTries) {
			return inTries;
		}
		return first;
	}

	private int block(long sequence) {
		return (int) ((sequence / BLOCK_ROWS) % this.blockLatest.length);
	}

	private int name(@Nullable String name) {
		return this.names.id(name);
	}

	private String nameOf(int id) {
		return this.names.name(id);
	}

	@FunctionalInterface
	private interface RowVisitor {

		void row(Page page, int at, int[] stack);

	}

	/** The columns of {@link #PAGE_ROWS} consecutive rows. */
	private static final class Page {

		final long[] time;

		final long[] traceHigh;

		final long[] traceLow;

		final long[] spanId;

		final long[] parentSpanId;

		final long[] rootSpanId;

		final long[] weight;

		final int[] stack;

		final int[] labels;

		final int[] endpoint;

		final byte[] type;

		Page(int rows) {
			this.time = new long[rows];
			this.traceHigh = new long[rows];
			this.traceLow = new long[rows];
			this.spanId = new long[rows];
			this.parentSpanId = new long[rows];
			this.rootSpanId = new long[rows];
			this.weight = new long[rows];
			this.stack = new int[rows];
			this.labels = new int[rows];
			this.endpoint = new int[rows];
			this.type = new byte[rows];
		}

	}

}
