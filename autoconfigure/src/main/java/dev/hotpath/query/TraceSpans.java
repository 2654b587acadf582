package dev.hotpath.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.TraceSampleVisitor;
import dev.hotpath.query.Views.SampleCounts;
import dev.hotpath.query.Views.SpanSamples;
import org.jspecify.annotations.Nullable;

/**
 * The recent samples of one trace, gathered per span: the spans that had samples, and
 * call trees of all of them or of one span and its descendants.
 */
final class TraceSpans implements TraceSampleVisitor {

	private final Map<Long, Span> spans = new LinkedHashMap<>();

	private final List<Row> rows = new ArrayList<>();

	private @Nullable String endpoint;

	@Override
	public void sample(long timeMillis, long spanId, long parentSpanId, String spanName, String thread,
			@Nullable String endpoint, ProfileType type, int[] stack, long weight) {
		Span span = this.spans.computeIfAbsent(spanId, (key) -> new Span(parentSpanId, spanName));
		span.threads.add(thread);
		// cpu and wall weights count samples; alloc and lock weights are bytes and
		// nanoseconds, one sample each
		span.samples[type.ordinal()] += (type == ProfileType.CPU || type == ProfileType.WALL) ? weight : 1;
		this.rows.add(new Row(spanId, type, stack, weight));
		if (this.endpoint == null && endpoint != null && !endpoint.isEmpty()) {
			this.endpoint = endpoint;
		}
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	@Nullable String endpoint() {
		return this.endpoint;
	}

	/**
	 * Adds the samples of a type to a tree.
	 * @param tree the tree
	 * @param type the profile type
	 * @param span when not {@code null}, only this span's and its descendants' samples
	 */
	void addTo(CallTree tree, ProfileType type, @Nullable Long span) {
		Set<Long> selected = (span != null) ? descendants(span) : null;
		for (Row row : this.rows) {
			if (row.type == type && (selected == null || selected.contains(row.spanId))) {
				tree.add(row.stack, row.weight);
			}
		}
	}

	List<SpanSamples> summaries() {
		List<SpanSamples> summaries = new ArrayList<>();
		this.spans.forEach((id, span) -> summaries
			.add(new SpanSamples(HexIds.spanId(id), (span.parent != 0) ? HexIds.spanId(span.parent) : null,
					span.name.isEmpty() ? null : span.name, List.copyOf(span.threads),
					new SampleCounts(span.samples[ProfileType.CPU.ordinal()], span.samples[ProfileType.WALL.ordinal()],
							span.samples[ProfileType.ALLOC.ordinal()], span.samples[ProfileType.LOCK.ordinal()]))));
		return summaries;
	}

	private Set<Long> descendants(long root) {
		Set<Long> selected = new HashSet<>();
		selected.add(root);
		boolean grew = true;
		while (grew) {
			grew = false;
			for (Map.Entry<Long, Span> entry : this.spans.entrySet()) {
				if (!selected.contains(entry.getKey()) && selected.contains(entry.getValue().parent)) {
					selected.add(entry.getKey());
					grew = true;
				}
			}
		}
		return selected;
	}

	private static final class Span {

		private final long parent;

		private final String name;

		private final Set<String> threads = new TreeSet<>();

		private final long[] samples = new long[ProfileType.values().length];

		Span(long parent, String name) {
			this.parent = parent;
			this.name = name;
		}

	}

	private record Row(long spanId, ProfileType type, int[] stack, long weight) {

	}

}
