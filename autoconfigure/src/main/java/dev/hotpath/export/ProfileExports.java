package dev.hotpath.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.SlowRequest;
import dev.hotpath.profile.ThreadGroups;
import dev.hotpath.profile.Window;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.TimeRange;
import org.jspecify.annotations.Nullable;

/**
 * Copies profiles out of the store for export: the whole application, one endpoint or one
 * trace, over a time range.
 * <p>
 * Two sources make one profile. Every sample taken for a span within the trace retention
 * is kept with its trace and span ids, and is exported as it is, labeled. The call trees
 * keep every sample of the whole profile retention, labeled only with its endpoint; what
 * they hold beyond the labeled samples (samples older than the trace retention, work for
 * no span) is exported with the endpoint and thread pool labels alone. Each sample is
 * exported once: a labeled sample's weight is taken off the tree node it was added to.
 */
public final class ProfileExports {

	private final ProfileStore store;

	private final long cpuIntervalNanos;

	private final long wallIntervalNanos;

	private final Set<ProfileType> types;

	private final LongSupplier clock;

	private final Map<String, String> attributes;

	/**
	 * Creates the exports.
	 * @param store the retained profile
	 * @param cpuInterval the CPU time one CPU sample stands for
	 * @param wallInterval the time one wall-clock sample stands for
	 * @param types the profile types being sampled
	 * @param clock the current time in epoch milliseconds
	 * @param attributes what describes the application ({@code service.name}...)
	 */
	public ProfileExports(ProfileStore store, Duration cpuInterval, Duration wallInterval, Set<ProfileType> types,
			LongSupplier clock, Map<String, String> attributes) {
		this.store = store;
		this.cpuIntervalNanos = cpuInterval.toNanos();
		this.wallIntervalNanos = wallInterval.toNanos();
		this.types = types.isEmpty() ? EnumSet.noneOf(ProfileType.class) : EnumSet.copyOf(types);
		this.clock = clock;
		this.attributes = Map.copyOf(attributes);
	}

	/**
	 * The profile of an endpoint, the background or the whole application.
	 * @param name an endpoint's name, {@link Window#BACKGROUND} or
	 * {@link ProfileQueries#APPLICATION}
	 * @param range the time range
	 * @param type the one profile type to export, or {@code null} for every sampled type
	 * @return the profile, or empty when an endpoint or the background has no data in the
	 * retention
	 */
	public Optional<ExportedProfile> endpoint(String name, TimeRange range, @Nullable ProfileType type) {
		Set<ProfileType> exported = exported(type);
		long now = this.clock.getAsLong();
		return this.store.read((view) -> {
			// the application always has a profile, empty before the first chunk
			if (!ProfileQueries.APPLICATION.equals(name)
					&& view.windows().stream().allMatch((window) -> ProfileQueries.parts(window, name).isEmpty())) {
				return Optional.empty();
			}
			List<Window> windows = view.windows(range.fromMillis(), range.toMillis());
			long from = windows.isEmpty() ? now : Math.max(range.fromMillis(), windows.get(0).startMillis());
			long to = windows.isEmpty() ? now : Math.min(range.toMillis(), windows.get(windows.size() - 1).endMillis());
			Builder builder = new Builder(view.frames(), exported, from, to);
			Map<CallTree, Map<Integer, long[]>> taken = new IdentityHashMap<>();
			view.recentSamples(from, to, now,
					(time, traceHigh, traceLow, span, root, spanName, thread, endpoint, sampleType, stack, weight) -> {
						if (!exported.contains(sampleType)) {
							return;
						}
						String owner = (endpoint == null || endpoint.isEmpty()) ? Window.BACKGROUND : endpoint;
						if (!includes(name, owner)) {
							return;
						}
						Window window = windowAt(windows, time);
						if (window == null) {
							return;
						}
						EndpointWindow part = Window.BACKGROUND.equals(owner) ? window.background()
								: window.endpoint(owner);
						if (part != null) {
							int[] path = Window.BACKGROUND.equals(owner) ? withThreadGroup(view.frames(), thread, stack)
									: stack;
							take(taken, part.tree(sampleType), path, weight);
						}
						String endpointLabel = Window.BACKGROUND.equals(owner) ? "" : owner;
						builder.add(sampleType, stack, weight, 1, traceHigh, traceLow, span, root,
								endpointLabel.isEmpty() ? spanName : endpointLabel, endpointLabel, thread);
					});
			for (Window window : windows) {
				for (EndpointWindow part : ProfileQueries.parts(window, name)) {
					for (ProfileType sampleType : exported) {
						boolean background = part == window.background();
						builder.addTree(sampleType, part.tree(sampleType), taken.get(part.tree(sampleType)),
								background ? "" : part.endpoint(), background);
					}
				}
			}
			return Optional.of(builder.build());
		});
	}

	/**
	 * The profile of one trace: its labeled samples while the trace retention keeps them,
	 * or the samples kept with it when it is among the slowest.
	 * @param traceIdHigh the trace id's high bits
	 * @param traceIdLow the trace id's low bits
	 * @param type the one profile type to export, or {@code null} for every sampled type
	 * @return the profile, or empty when nothing of the trace is kept
	 */
	public Optional<ExportedProfile> trace(long traceIdHigh, long traceIdLow, @Nullable ProfileType type) {
		Set<ProfileType> exported = exported(type);
		long now = this.clock.getAsLong();
		return this.store.read((view) -> {
			// the first and last moment of the trace's samples or kept requests
			long[] covered = { Long.MAX_VALUE, Long.MIN_VALUE };
			Builder builder = new Builder(view.frames(), exported, 0, 0);
			view.recentSamplesOfTrace(traceIdHigh, traceIdLow, now,
					(time, traceHigh, traceLow, span, root, spanName, thread, endpoint, sampleType, stack, weight) -> {
						if (!exported.contains(sampleType)) {
							return;
						}
						covered[0] = Math.min(covered[0], time);
						covered[1] = Math.max(covered[1], time);
						String endpointLabel = (endpoint != null) ? endpoint : "";
						builder.add(sampleType, stack, weight, 1, traceIdHigh, traceIdLow, span, root,
								endpointLabel.isEmpty() ? spanName : endpointLabel, endpointLabel, thread);
					});
			if (covered[0] > covered[1]) {
				for (Window window : view.windows()) {
					for (EndpointWindow endpoint : window.endpoints()) {
						for (SlowRequest request : endpoint.slowest()) {
							if (request.traceIdHigh() != traceIdHigh || request.traceIdLow() != traceIdLow) {
								continue;
							}
							covered[0] = Math.min(covered[0], request.startEpochMillis());
							covered[1] = Math.max(covered[1],
									request.startEpochMillis() + request.durationNanos() / 1_000_000);
							for (ProfileType sampleType : exported) {
								builder.addRequestTree(sampleType, request);
							}
						}
					}
				}
			}
			if (covered[0] > covered[1]) {
				return Optional.empty();
			}
			builder.range(covered[0], covered[1] + 1);
			return Optional.of(builder.build());
		});
	}

	private Set<ProfileType> exported(@Nullable ProfileType type) {
		if (type != null) {
			return EnumSet.of(type);
		}
		return this.types.isEmpty() ? EnumSet.of(ProfileType.CPU) : EnumSet.copyOf(this.types);
	}

	private static boolean includes(String name, String owner) {
		return ProfileQueries.APPLICATION.equals(name) || name.equals(owner);
	}

	private static @Nullable Window windowAt(List<Window> windows, long timeMillis) {
		for (Window window : windows) {
			if (timeMillis >= window.startMillis() && timeMillis < window.endMillis()) {
				return window;
			}
		}
		return null;
	}

	/** The stack as the background tree holds it: under its thread pool's frame. */
	private static int[] withThreadGroup(Frames frames, String thread, int[] stack) {
		int group = frames.find(ThreadGroups.frame(thread));
		if (group < 0) {
			return stack;
		}
		int[] path = new int[stack.length + 1];
		path[0] = group;
		System.arraycopy(stack, 0, path, 1, stack.length);
		return path;
	}

	/**
	 * Notes a labeled sample's weight against the tree node it was added to: the node at
	 * the end of its path, or where the path left the tree when the tree was full.
	 */
	private static void take(Map<CallTree, Map<Integer, long[]>> taken, CallTree tree, int[] path, long weight) {
		int node = CallTree.ROOT;
		for (int frame : path) {
			int child = tree.find(node, frame);
			if (child < 0) {
				break;
			}
			node = child;
		}
		long[] debit = taken.computeIfAbsent(tree, (key) -> new HashMap<>())
			.computeIfAbsent(node, (key) -> new long[2]);
		debit[0] += weight;
		debit[1]++;
	}

	/**
	 * Collects samples with frame names copied into the export's own dictionary.
	 */
	private final class Builder {

		private final Frames frames;

		private final Set<ProfileType> exported;

		private final Map<Integer, Integer> frameIndexes = new HashMap<>();

		private final List<String> names = new ArrayList<>();

		private final List<ExportedProfile.Sample> samples = new ArrayList<>();

		private final Map<TreeStack, long[]> unlabeled = new HashMap<>();

		private long from;

		private long to;

		Builder(Frames frames, Set<ProfileType> exported, long from, long to) {
			this.frames = frames;
			this.exported = exported;
			this.from = from;
			this.to = to;
		}

		void range(long fromMillis, long toMillis) {
			this.from = fromMillis;
			this.to = toMillis;
		}

		void add(ProfileType type, int[] stack, long weight, long count, long traceHigh, long traceLow, long span,
				long root, String spanName, String endpoint, String thread) {
			int[] indexes = new int[stack.length];
			for (int i = 0; i < stack.length; i++) {
				indexes[i] = index(stack[i]);
			}
			this.samples.add(new ExportedProfile.Sample(type, indexes, value(type, weight), count, traceHigh, traceLow,
					span, spanName, endpoint, thread, root));
		}

		/**
		 * Adds what a tree holds beyond the samples already exported with their ids.
		 */
		void addTree(ProfileType type, CallTree tree, @Nullable Map<Integer, long[]> taken, String endpoint,
				boolean background) {
			List<Integer> path = new ArrayList<>();
			walk(tree, CallTree.ROOT, path, (node, stack) -> {
				long[] debit = (taken != null) ? taken.get(node) : null;
				long weight = tree.self(node) - ((debit != null) ? debit[0] : 0);
				long count = tree.selfSamples(node) - ((debit != null) ? debit[1] : 0);
				if (weight <= 0) {
					return;
				}
				String thread = "";
				int[] frames = stack;
				if (background && frames.length > 0 && this.frames.kind(frames[0]) == FrameKind.THREAD) {
					thread = ThreadGroups.groupOfFrame(this.frames.name(frames[0]));
					frames = Arrays.copyOfRange(frames, 1, frames.length);
				}
				// the same stack comes back in every window: add it up, one sample per
				// stack
				long[] totals = this.unlabeled.computeIfAbsent(new TreeStack(type, endpoint, thread, frames),
						(key) -> new long[2]);
				totals[0] += weight;
				totals[1] += Math.max(count, 1);
			});
		}

		void addRequestTree(ProfileType type, SlowRequest request) {
			CallTree tree = request.tree(type);
			if (tree == null) {
				return;
			}
			String thread = (request.thread() != null) ? request.thread() : "";
			walk(tree, CallTree.ROOT, new ArrayList<>(), (node, stack) -> {
				if (tree.self(node) > 0) {
					add(type, stack, tree.self(node), Math.max(tree.selfSamples(node), 1), request.traceIdHigh(),
							request.traceIdLow(), request.spanId(), request.spanId(), request.endpoint(),
							request.endpoint(), thread);
				}
			});
		}

		private void walk(CallTree tree, int node, List<Integer> path, NodeVisitor visitor) {
			if (tree.self(node) > 0) {
				int[] stack = new int[path.size()];
				for (int i = 0; i < stack.length; i++) {
					stack[i] = path.get(i);
				}
				visitor.visit(node, stack);
			}
			for (int child = tree.firstChild(node); child >= 0; child = tree.nextSibling(child)) {
				path.add(tree.frame(child));
				walk(tree, child, path, visitor);
				path.remove(path.size() - 1);
			}
		}

		private long value(ProfileType type, long weight) {
			return switch (type) {
				case CPU -> weight * ProfileExports.this.cpuIntervalNanos;
				case WALL -> weight * ProfileExports.this.wallIntervalNanos;
				case ALLOC, LOCK -> weight;
			};
		}

		private int index(int frame) {
			return this.frameIndexes.computeIfAbsent(frame, (key) -> {
				this.names.add(this.frames.name(key));
				return this.names.size() - 1;
			});
		}

		ExportedProfile build() {
			this.unlabeled.forEach((stack, totals) -> add(stack.type(), stack.stack(), totals[0], totals[1], 0, 0, 0, 0,
					"", stack.endpoint(), stack.thread()));
			this.unlabeled.clear();
			return new ExportedProfile(this.from, this.to, ProfileExports.this.cpuIntervalNanos,
					ProfileExports.this.wallIntervalNanos, this.exported, List.copyOf(this.names),
					List.copyOf(this.samples), ProfileExports.this.attributes);
		}

	}

	/** A call tree's stack with the labels it is exported with. */
	private record TreeStack(ProfileType type, String endpoint, String thread, int[] stack) {

		@Override
		public boolean equals(Object other) {
			return other instanceof TreeStack key && key.type == this.type && key.endpoint.equals(this.endpoint)
					&& key.thread.equals(this.thread) && Arrays.equals(key.stack, this.stack);
		}

		@Override
		public int hashCode() {
			return 31 * (31 * (31 * this.type.hashCode() + this.endpoint.hashCode()) + this.thread.hashCode())
					+ Arrays.hashCode(this.stack);
		}

	}

	@FunctionalInterface
	private interface NodeVisitor {

		void visit(int node, int[] stack);

	}

}
