#!/usr/bin/env python3
"""Generates the JSON fixtures the browser tests serve (see docs/api.md for the format).

Deterministic: run `python3 generate_fixtures.py` in this directory to rewrite fixtures/.
Layout mirrors the API:
  fixtures/overview.json                          GET <base>
  fixtures/overview-empty.json                    GET <base> right after start, before any request
  fixtures/overview-unavailable.json              GET <base> when the sampler cannot run
  fixtures/endpoints/<id>/<type>-<scope>.json     GET <base>/endpoints/<id>?type=&scope=
  fixtures/traces/<traceId>/<type>-<scope>.json   GET <base>/traces/<traceId>?type=&scope=
  fixtures/comparisons/<id>/<by>-<type>-<scope>.json  GET <base>/comparisons/<id>?by=&type=&scope=
  fixtures/findings.json                          GET <base>/findings
  fixtures/lines/<id>/<type>/<function>.json      GET <base>/lines/<id>?function=&type=
"""

import base64
import hashlib
import json
import math
import os
import random
import re
import shutil
from datetime import datetime, timedelta, timezone

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')
START = datetime(2026, 11, 21, 5, 40, 0, tzinfo=timezone.utc)
WINDOW_SECONDS = 10
WINDOWS = 180
END = START + timedelta(seconds=WINDOW_SECONDS * WINDOWS)
CPU_MS = 10
WALL_MS = 20
APP = 'dev.hotpath.demo'


def iso(dt):
    return dt.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (dt.microsecond // 1000)


def endpoint_id(name):
    return base64.urlsafe_b64encode(name.encode()).decode().rstrip('=')


def hexid(seed, n):
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def kind_of(name):
    if name.startswith(APP + '.'):
        return 'application'
    if name.startswith(('java.', 'javax.', 'jdk.', 'sun.')):
        return 'jdk'
    if '::' in name or name in ('Interpreter', 'Compiled method'):
        return 'jvm'
    if '.' not in name or name.startswith(('__', 'lib')):
        return 'native'
    return 'library'


F = lambda *names: list(names)

PREFIX = F(
    'java.lang.Thread.run',
    'org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run',
    'org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run',
    'org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker',
    'org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun',
    'org.apache.coyote.AbstractProtocol$ConnectionHandler.process',
    'org.apache.coyote.http11.Http11Processor.service',
    'org.apache.catalina.connector.CoyoteAdapter.service',
    'org.apache.catalina.core.StandardEngineValve.invoke',
    'org.apache.catalina.core.StandardHostValve.invoke',
    'org.apache.catalina.core.StandardWrapperValve.invoke',
    'org.apache.catalina.core.ApplicationFilterChain.doFilter',
    'org.springframework.web.filter.ServerHttpObservationFilter.doFilterInternal',
    'org.springframework.web.filter.OncePerRequestFilter.doFilter',
    'jakarta.servlet.http.HttpServlet.service',
    'org.springframework.web.servlet.FrameworkServlet.processRequest',
    'org.springframework.web.servlet.DispatcherServlet.doService',
    'org.springframework.web.servlet.DispatcherServlet.doDispatch',
    'org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod',
    'org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle',
    'org.springframework.web.method.support.InvocableHandlerMethod.doInvoke',
    'java.lang.reflect.Method.invoke',
)
DISPATCH = PREFIX.index('org.springframework.web.servlet.DispatcherServlet.doDispatch') + 1
INVOKE = PREFIX.index('org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle') + 1

ALLOC = F('java.math.BigInteger.<init>', 'OptoRuntime::new_array_C', 'MemAllocator::allocate', '__memset_avx2_unaligned_erms')

# framework work every request does: (path below a PREFIX depth, relative weight)
FRAMEWORK = [
    (PREFIX[:INVOKE] + F('org.springframework.web.method.annotation.HandlerMethodReturnValueHandlerComposite.handleReturnValue',
                         'org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor.handleReturnValue',
                         'org.springframework.http.converter.AbstractGenericHttpMessageConverter.write',
                         'tools.jackson.databind.ObjectWriter.writeValue',
                         'tools.jackson.databind.ser.BeanSerializer.serialize',
                         'tools.jackson.core.json.UTF8JsonGenerator.writeString'), 6),
    (PREFIX[:DISPATCH] + F('org.springframework.web.servlet.DispatcherServlet.getHandler',
                           'org.springframework.web.servlet.handler.AbstractHandlerMethodMapping.lookupHandlerMethod',
                           'org.springframework.web.util.pattern.PathPattern.matches'), 3),
    (PREFIX[:13] + F('io.micrometer.observation.SimpleObservation.stop',
                     'io.micrometer.core.instrument.Timer$Builder.register',
                     'io.micrometer.core.instrument.MeterRegistry.getOrCreateMeter',
                     'java.util.concurrent.ConcurrentHashMap.get'), 3),
    (PREFIX[:7] + F('org.apache.coyote.http11.Http11OutputBuffer.commit',
                    'sun.nio.ch.SocketChannelImpl.write',
                    'sun.nio.ch.SocketDispatcher.write0',
                    '__libc_write'), 2),
    (PREFIX[:7] + F('org.apache.coyote.http11.Http11InputBuffer.parseRequestLine'), 1),
]

NOISE_VOCAB = [
    'org.springframework.web.context.request.ServletRequestAttributes.requestCompleted',
    'org.springframework.web.servlet.HandlerExecutionChain.applyPreHandle',
    'org.springframework.web.servlet.HandlerExecutionChain.triggerAfterCompletion',
    'org.springframework.core.MethodParameter.getParameterAnnotations',
    'org.springframework.web.method.support.HandlerMethodArgumentResolverComposite.resolveArgument',
    'org.springframework.web.method.annotation.RequestParamMethodArgumentResolver.resolveName',
    'org.springframework.core.convert.support.GenericConversionService.convert',
    'org.springframework.util.ConcurrentReferenceHashMap.get',
    'org.apache.catalina.connector.Request.getAttribute',
    'org.apache.catalina.connector.Response.setContentType',
    'org.apache.tomcat.util.buf.MessageBytes.toString',
    'org.apache.tomcat.util.http.MimeHeaders.getValue',
    'io.micrometer.common.KeyValues.and',
    'io.micrometer.observation.ObservationRegistry.observationConfig',
    'tools.jackson.databind.SerializationContext.findTypedValueSerializer',
    'java.util.HashMap.getNode',
    'java.util.ArrayList.forEach',
    'java.lang.String.hashCode',
    'java.lang.StringLatin1.indexOf',
    'java.lang.invoke.LambdaForm$MH.invoke',
    'jdk.internal.misc.Unsafe.allocateUninitializedArray',
    'java.util.regex.Pattern$CharPropertyGreedy.match',
    'Interpreter',
    'SharedRuntime::resolve_opt_virtual_call_C',
    'InstanceKlass::allocate_instance',
    '__pthread_mutex_lock',
]


def with_prefix(*frames):
    return PREFIX + list(frames)


ENDPOINTS = [
    dict(name='GET /calculate2/{number}', requests=100, errors=0,
         latency=dict(meanMs=1214.6, p50Ms=1150.0, p95Ms=1840.0, p99Ms=1992.4, maxMs=2013.0),
         cpuMsPerRequest=1120.0, wallMsPerRequest=1190.0, noise=110, slow=5,
         cpu=[
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3'), 230),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3',
                          'java.math.BigInteger.multiply', 'java.math.BigInteger.multiplyToLen'), 500),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3',
                          'java.math.BigInteger.multiply'), 70),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3',
                          'java.math.BigInteger.add', 'java.math.BigInteger.add'), 150),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3', *ALLOC[:1]), 12),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3', *ALLOC[:3]), 20),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3', *ALLOC), 55),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3',
                          'java.math.BigInteger.compareTo'), 50),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3',
                          'java.math.BigInteger.mod', 'java.math.MutableBigInteger.divideKnuth'), 40),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc3',
                          'java.util.stream.ReferencePipeline.collect', 'java.util.stream.AbstractPipeline.copyInto',
                          'java.util.stream.ReferencePipeline$3$1.accept', 'dev.hotpath.demo.Calculations.lambda$calc3$0',
                          'java.math.BigInteger.valueOf'), 25),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc2'), 12),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc2',
                          'java.util.ArrayList.add', 'java.util.ArrayList.grow', 'java.util.Arrays.copyOf'), 22),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2', 'dev.hotpath.demo.Calculations.calc1',
                          'java.lang.StringBuilder.append', 'java.lang.AbstractStringBuilder.append'), 14),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate2'), 3),
         ],
         wait=[
             (PREFIX[:7] + F('org.apache.coyote.http11.Http11InputBuffer.fill', 'sun.nio.ch.SocketChannelImpl.read',
                             'sun.nio.ch.SocketDispatcher.read0', '__libc_read'), 20),
         ]),
    dict(name='GET /calculate1/{number}', requests=400, errors=0,
         latency=dict(meanMs=312.8, p50Ms=298.0, p95Ms=420.5, p99Ms=478.0, maxMs=530.2),
         cpuMsPerRequest=281.0, wallMsPerRequest=305.0, noise=45, slow=3,
         cpu=[
             (with_prefix('dev.hotpath.demo.CalculationController.calculate1', 'dev.hotpath.demo.Calculations.calc1'), 260),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate1', 'dev.hotpath.demo.Calculations.calc1',
                          'java.lang.StringBuilder.append', 'java.lang.AbstractStringBuilder.append',
                          'java.lang.AbstractStringBuilder.ensureCapacityInternal', 'java.util.Arrays.copyOf'), 120),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate1', 'dev.hotpath.demo.Calculations.calc1',
                          'java.lang.Integer.toString', 'java.lang.Integer.getChars'), 60),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate1', 'dev.hotpath.demo.Calculations.calc1',
                          'java.util.HashMap.put', 'java.util.HashMap.putVal', 'java.util.HashMap.resize'), 55),
             (with_prefix('dev.hotpath.demo.CalculationController.calculate1', 'dev.hotpath.demo.Calculations.calc2'), 20),
         ],
         wait=[
             (PREFIX[:7] + F('org.apache.coyote.http11.Http11InputBuffer.fill', 'sun.nio.ch.SocketChannelImpl.read',
                             'sun.nio.ch.SocketDispatcher.read0', '__libc_read'), 10),
         ]),
    dict(name='GET /products/{id}', requests=1240, errors=3,
         latency=dict(meanMs=48.3, p50Ms=39.0, p95Ms=120.4, p99Ms=210.7, maxMs=481.9),
         cpuMsPerRequest=6.1, wallMsPerRequest=44.8, noise=60, slow=3,
         cpu=[
             (with_prefix('dev.hotpath.demo.ProductController.product', 'dev.hotpath.demo.ProductService.find',
                          'org.springframework.data.jpa.repository.support.SimpleJpaRepository.findById',
                          'org.hibernate.internal.SessionImpl.find',
                          'org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl.executeQuery',
                          'com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery',
                          'org.postgresql.jdbc.PgPreparedStatement.executeQuery'), 30),
             (with_prefix('dev.hotpath.demo.ProductController.product', 'dev.hotpath.demo.ProductService.toDto'), 22),
             (with_prefix('dev.hotpath.demo.ProductController.product', 'dev.hotpath.demo.ProductService.toDto',
                          'java.math.BigDecimal.setScale', 'java.math.BigDecimal.divideAndRound'), 12),
             (with_prefix('dev.hotpath.demo.ProductController.product', 'dev.hotpath.demo.ProductService.find',
                          'org.hibernate.internal.SessionImpl.find', 'org.hibernate.event.internal.DefaultLoadEventListener.onLoad',
                          'org.hibernate.engine.internal.StatefulPersistenceContext.getEntity'), 14),
         ],
         wait=[
             (with_prefix('dev.hotpath.demo.ProductController.product', 'dev.hotpath.demo.ProductService.find',
                          'org.springframework.data.jpa.repository.support.SimpleJpaRepository.findById',
                          'org.hibernate.internal.SessionImpl.find',
                          'org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl.executeQuery',
                          'com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery',
                          'org.postgresql.jdbc.PgPreparedStatement.executeQuery',
                          'org.postgresql.core.v3.QueryExecutorImpl.execute',
                          'org.postgresql.core.PGStream.receiveChar',
                          'sun.nio.ch.NioSocketImpl.read', 'sun.nio.ch.Net.poll', '__poll'), 420),
             (with_prefix('dev.hotpath.demo.ProductController.product', 'dev.hotpath.demo.ProductService.find',
                          'com.zaxxer.hikari.pool.HikariPool.getConnection',
                          'com.zaxxer.hikari.util.ConcurrentBag.borrow',
                          'java.util.concurrent.SynchronousQueue.poll',
                          'jdk.internal.misc.Unsafe.park', '__futex_abstimed_wait_common'), 90),
         ]),
    dict(name='GET /search', requests=3400, errors=0,
         latency=dict(meanMs=11.9, p50Ms=9.6, p95Ms=35.2, p99Ms=60.3, maxMs=140.0),
         cpuMsPerRequest=9.0, wallMsPerRequest=11.0, noise=55, slow=3,
         cpu=[
             (with_prefix('dev.hotpath.demo.SearchController.search', 'dev.hotpath.demo.SearchService.search',
                          'dev.hotpath.demo.SearchService.matches'), 70),
             (with_prefix('dev.hotpath.demo.SearchController.search', 'dev.hotpath.demo.SearchService.search',
                          'dev.hotpath.demo.SearchService.matches', 'java.util.regex.Matcher.find',
                          'java.util.regex.Pattern$Start.match', 'java.util.regex.Pattern$CharPropertyGreedy.match'), 120),
             (with_prefix('dev.hotpath.demo.SearchController.search', 'dev.hotpath.demo.SearchService.search',
                          'java.util.stream.ReferencePipeline.toList', 'java.util.ArrayList.forEach'), 40),
             (with_prefix('dev.hotpath.demo.SearchController.search', 'dev.hotpath.demo.SearchService.normalize',
                          'java.lang.String.toLowerCase', 'java.lang.StringLatin1.toLowerCase'), 35),
         ],
         wait=[]),
    dict(name='NOT_FOUND', requests=57, errors=0,
         latency=dict(meanMs=1.4, p50Ms=1.1, p95Ms=2.1, p99Ms=3.9, maxMs=4.4),
         cpuMsPerRequest=0.9, wallMsPerRequest=1.0, noise=4, slow=2,
         cpu=[
             (PREFIX[:DISPATCH] + F('org.springframework.web.servlet.DispatcherServlet.processHandlerException',
                                    'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver.doResolveException'), 3),
             (PREFIX[:12] + F('org.apache.catalina.core.StandardHostValve.status',
                              'org.apache.catalina.core.ApplicationDispatcher.forward'), 2),
         ],
         wait=[]),
]


# ------------------------------------------------------------------ trees

class Node:
    __slots__ = ('name', 'total', 'self', 'kids')

    def __init__(self, name):
        self.name = name
        self.total = 0
        self.self = 0
        self.kids = {}


def build(stacks):
    root = Node('all')
    for frames, w in stacks:
        if w <= 0:
            continue
        root.total += w
        cur = root
        for f in frames:
            cur = cur.kids.setdefault(f, Node(f))
            cur.total += w
        cur.self += w
    return root


def fold_app(frames):
    """scope=app: once an application frame was seen, drop the library frames it called."""
    out = []
    seen_app = False
    for f in frames:
        if kind_of(f) == 'application':
            seen_app = True
            out.append(f)
        elif not seen_app:
            out.append(f)
    return out


def flame_json(root):
    frames, index = [], {}
    nodes = dict(frame=[], depth=[], total=[], self=[])

    def frame_index(name):
        kind = 'root' if name == 'all' and not frames else kind_of(name)
        key = (name, kind)
        if key not in index:
            index[key] = len(frames)
            frames.append(dict(name=name, kind=kind))
        return index[key]

    stack = [(root, 0)]
    while stack:
        node, d = stack.pop()
        nodes['frame'].append(frame_index(node.name) if d else frame_index('all'))
        nodes['depth'].append(d)
        nodes['total'].append(node.total)
        nodes['self'].append(node.self)
        for kid in sorted(node.kids.values(), key=lambda k: k.name, reverse=True):
            stack.append((kid, d + 1))
    return dict(frames=frames, nodes=nodes)


def functions_json(root, requests):
    self_w, total_w = {}, {}

    def walk(node, active):
        if node is not root:
            self_w[node.name] = self_w.get(node.name, 0) + node.self
            if node.name not in active:
                total_w[node.name] = total_w.get(node.name, 0) + node.total
            active = active | {node.name}
        for kid in node.kids.values():
            walk(kid, active)

    walk(root, frozenset())
    t = root.total or 1
    out = []
    for name, s in self_w.items():
        tot = total_w[name]
        share = tot / t
        req = requests if share > 0.5 else max(1, min(requests, round(requests * (1 - (1 - share) ** 6))))
        out.append(dict(name=name, kind=kind_of(name), self=s, total=tot,
                        selfShare=round(s / t, 4), totalShare=round(share, 4), requests=req))
    out.sort(key=lambda f: (-f['self'], -f['total'], f['name']))
    return out


def hottest(root):
    fns = [f for f in functions_json(root, 1) if f['kind'] == 'application']
    if not fns:
        return None
    top = max(fns, key=lambda f: f['self'])
    return dict(name=top['name'], kind='application', share=round(top['self'] / root.total, 4))


def scale(stacks, target):
    total = sum(w for _, w in stacks)
    return [(f, max(1, round(w * target / total))) for f, w in stacks]


def noise_stacks(rng, count):
    out = []
    for _ in range(count):
        depth = rng.randint(3, len(PREFIX) - 2)
        tail = [rng.choice(NOISE_VOCAB) for _ in range(rng.randint(1, 4))]
        out.append((PREFIX[:depth] + tail, rng.choice((1, 1, 1, 2, 3))))
    return out


def write(path, obj):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    text = json.dumps(obj, indent=1, ensure_ascii=False)
    # keep the long number arrays of flame.nodes on one line each
    text = re.sub(r'\[\s*(-?\d[\d\s,.-]*?)\s*\]', lambda m: '[' + re.sub(r'\s+', '', m.group(1)).replace(',', ', ') + ']', text)
    # and flat objects (frames, functions, timeline windows) on one line each
    text = re.sub(r'\{\n\s+([^{}\[\]]*?)\n\s*\}', lambda m: '{' + re.sub(r',\n\s+', ', ', m.group(1)) + '}', text)
    with open(full, 'w') as f:
        f.write(text + '\n')


def distribute(total, weights):
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [math.floor(r) for r in raw]
    rest = total - sum(out)
    for i in sorted(range(len(raw)), key=lambda i: out[i] - raw[i])[:rest]:
        out[i] += 1
    return out


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    rng = random.Random(20261121)
    shape = [1.0 + 0.35 * math.sin(i / 9.0) + (2.2 if 70 <= i < 106 else 0) + rng.random() * 0.4 for i in range(WINDOWS)]
    rng_range = {
        'from': iso(START), 'to': iso(END), 'retentionSeconds': 3600,
    }
    overview_endpoints = []
    timeline = [dict(start=iso(START + timedelta(seconds=WINDOW_SECONDS * i)),
                     end=iso(START + timedelta(seconds=WINDOW_SECONDS * (i + 1))),
                     requests=0, errors=0, cpuSamples=0, wallSamples=0) for i in range(WINDOWS)]
    total_samples = 0
    for ep in ENDPOINTS:
        name = ep['name']
        eid = endpoint_id(name)
        cpu_target = round(ep['cpuMsPerRequest'] * ep['requests'] / CPU_MS)
        wall_target = round(ep['wallMsPerRequest'] * ep['requests'] / WALL_MS)
        cpu_stacks = scale(ep['cpu'] + FRAMEWORK, cpu_target - ep['noise'] * 2) + noise_stacks(rng, ep['noise'])
        wall_stacks = scale(ep['cpu'] + FRAMEWORK + ep['wait'], wall_target - ep['noise']) + noise_stacks(rng, ep['noise'] // 2)
        variants = {'cpu': cpu_stacks, 'wall': wall_stacks}
        trees = {}
        for typ, stacks in variants.items():
            for scope in ('all', 'app'):
                folded = stacks if scope == 'all' else [(fold_app(f), w) for f, w in stacks]
                trees[(typ, scope)] = build(folded)
        cpu_samples = trees[('cpu', 'all')].total
        wall_samples = trees[('wall', 'all')].total
        total_samples += cpu_samples + wall_samples
        stats = dict(requests=ep['requests'], errors=ep['errors'], latency=ep['latency'],
                     cpuMsPerRequest=ep['cpuMsPerRequest'], wallMsPerRequest=ep['wallMsPerRequest'],
                     samples=dict(cpu=cpu_samples, wall=wall_samples))
        # slowest requests, slowest first
        slowest = []
        for k in range(ep['slow']):
            latency = round(ep['latency']['maxMs'] * (1 - 0.06 * k) - rng.random() * 3, 1)
            start = START + timedelta(seconds=700 + rng.randint(0, 360), milliseconds=rng.randint(0, 999))
            status = 500 if name.startswith('GET /products') and k == 1 else (404 if name == 'NOT_FOUND' else 200)
            slowest.append(dict(traceId=hexid(name + str(k), 32), spanId=hexid('span' + name + str(k), 16), start=iso(start),
                                latencyMs=latency, status=status,
                                samples=dict(cpu=max(1, round(latency * ep['cpuMsPerRequest'] / ep['latency']['meanMs'] / CPU_MS)),
                                             wall=max(1, round(latency / WALL_MS))),
                                thread='http-nio-8080-exec-%d' % rng.randint(1, 10)))
        for typ in ('cpu', 'wall'):
            for scope in ('all', 'app'):
                root = trees[(typ, scope)]
                write('endpoints/%s/%s-%s.json' % (eid, typ, scope), dict(
                    id=eid, name=name, type=typ, scope=scope, range=rng_range, stats=stats,
                    flame=flame_json(root), functions=functions_json(root, ep['requests']), slowest=slowest))
        # one trace per slow request: a sample of the endpoint's stacks
        for s in slowest:
            trng = random.Random(s['traceId'])
            for typ in ('cpu', 'wall'):
                stacks = variants[typ]
                picks = trng.choices(stacks, weights=[w for _, w in stacks], k=s['samples'][typ])
                for scope in ('all', 'app'):
                    root = build([(fold_app(f) if scope == 'app' else f, 1) for f, _ in picks])
                    write('traces/%s/%s-%s.json' % (s['traceId'], typ, scope), dict(
                        traceId=s['traceId'], endpoint=dict(id=eid, name=name),
                        spans=[dict(spanId=s['spanId'], start=s['start'], latencyMs=s['latencyMs'], status=s['status'],
                                    thread=s['thread'], samples=s['samples'])],
                        type=typ, scope=scope, flame=flame_json(root), functions=functions_json(root, 1)))
        overview_endpoints.append(dict(id=eid, name=name, requests=ep['requests'], errors=ep['errors'], latency=ep['latency'],
                                       cpuMsPerRequest=ep['cpuMsPerRequest'], wallMsPerRequest=ep['wallMsPerRequest'],
                                       samples=dict(cpu=cpu_samples, wall=wall_samples),
                                       hottestFunction=hottest(trees[('cpu', 'app')])))
        weights = [w * (3 if name.startswith('GET /calc') and 70 <= i < 106 else 1) for i, w in enumerate(shape)]
        for key, amount in (('requests', ep['requests']), ('errors', ep['errors']), ('cpuSamples', cpu_samples), ('wallSamples', wall_samples)):
            for i, v in enumerate(distribute(amount, weights if key != 'errors' else [1 if i in (40, 88, 131) else 0 for i in range(WINDOWS)])):
                timeline[i][key] += v
    background = dict(cpu=120, wall=0)
    for i, v in enumerate(distribute(background['cpu'], [1] * WINDOWS)):
        timeline[i]['cpuSamples'] += v
    overview_endpoints.sort(key=lambda e: -e['latency']['p95Ms'])
    sampler = dict(engine='async-profiler', version='4.6', state='RUNNING',
                   mode='cpu every 10 ms, wall every 20 ms on request threads',
                   cpuIntervalMs=CPU_MS, wallIntervalMs=WALL_MS, chunkSeconds=10, since=iso(START),
                   samples=total_samples + background['cpu'], samplesDropped=0,
                   message='Profiling every endpoint with async-profiler 4.6.',
                   nativeMemoryBytes=28925952, samplesWithoutStack=0)
    write('overview.json', dict(sampler=sampler, applicationPackage=APP, range=rng_range, sort='p95',
                                endpoints=overview_endpoints, background=dict(samples=background), timeline=timeline,
                                dropped=dict(endpoints=0, requests=0, stacks=0, traces=0, samples=0),
                                applicationId=APP_ID, version='1.1.0', versions=VERSIONS))
    fresh = dict(sampler, since=iso(END - timedelta(seconds=20)), samples=0)
    empty_timeline = [dict(w, requests=0, errors=0, cpuSamples=0, wallSamples=0) for w in timeline[-2:]]
    write('overview-empty.json', dict(sampler=fresh, applicationPackage=APP,
                                      range=dict(rng_range, **{'from': iso(END - timedelta(seconds=20))}), sort='p95',
                                      endpoints=[], background=dict(samples=dict(cpu=0, wall=0)), timeline=empty_timeline,
                                      dropped=dict(endpoints=0, requests=0, stacks=0, traces=0, samples=0)))
    unavailable = dict(sampler, state='UNAVAILABLE', mode='off', samples=0, nativeMemoryBytes=None,
                       message='async-profiler cannot run here: no native library for linux-riscv64; start the JVM on x64 or arm64 to profile.')
    write('overview-unavailable.json', dict(sampler=unavailable, applicationPackage=APP, range=rng_range, sort='p95',
                                            endpoints=[], background=dict(samples=dict(cpu=0, wall=0)), timeline=[],
                                            dropped=dict(endpoints=0, requests=0, stacks=0, traces=0, samples=0)))


# ------------------------------------------------------------------ issue 10: comparisons, findings, hot lines

APP_ID = endpoint_id('application')
VERSIONS = [dict(version='1.0.0', **{'from': iso(START - timedelta(hours=2)), 'to': iso(START - timedelta(minutes=1))}, requests=4180)]
CALC2 = 'GET /calculate2/{number}'
CALC3 = 'dev.hotpath.demo.Calculations.calc3'
BEFORE = (START + timedelta(minutes=10), START + timedelta(minutes=20))
AFTER = (START + timedelta(minutes=20), START + timedelta(minutes=30))

# component of a frame by package prefix; None for the JDK, native and JVM frames, which work for their caller
COMPONENTS = [
    ((APP + '.',), 'application', 'your code'),
    (('org.hibernate.', 'org.springframework.data.', 'com.zaxxer.hikari.', 'org.postgresql.'), 'database', 'ORM, JDBC and database'),
    (('tools.jackson.', 'org.springframework.http.converter.'), 'serialization', 'JSON and XML serialization'),
    (('org.apache.catalina.', 'org.apache.tomcat.', 'org.apache.coyote.', 'org.springframework.web.', 'jakarta.servlet.'),
     'web', 'web server and framework'),
    (('io.micrometer.',), 'libraries', 'other libraries'),
]
JDK_COMPONENT = ('jdk', 'JDK')


def component_of(name):
    for prefixes, comp, label in COMPONENTS:
        if name.startswith(prefixes):
            return comp, label
    return None


def endpoint_stacks(name, wall):
    ep = next(e for e in ENDPOINTS if e['name'] == name)
    return ep['cpu'] + FRAMEWORK + (ep['wait'] if wall else [])


def per_request(stacks, value):
    """the stacks' weights scaled so that they add up to value (ms per request)"""
    total = sum(w for _, w in stacks)
    return [(f, w * value / total) for f, w in stacks]


def changed(stacks, rng, multipliers, added=()):
    """the other side: each stack times the multiplier of the first frame name it holds (else 1, give or take 3%)"""
    out = []
    for frames, w in stacks:
        m = next((m for key, m in multipliers if key in frames), None)
        out.append((frames, w * (m if m is not None else 1 + rng.uniform(-0.03, 0.03))))
    return out + list(added)


def weights(root):
    self_w, total_w = {}, {}

    def walk(node, active):
        if node is not root:
            self_w[node.name] = self_w.get(node.name, 0) + node.self
            if node.name not in active:
                total_w[node.name] = total_w.get(node.name, 0) + node.total
            active = active | {node.name}
        for kid in node.kids.values():
            walk(kid, active)

    walk(root, frozenset())
    return self_w, total_w


def components_of(stacks):
    out = {}
    for frames, w in stacks:
        comp = next((c for c in (component_of(f) for f in reversed(frames)) if c), JDK_COMPONENT)
        out[comp] = out.get(comp, 0) + w
    return out


def merged_flame(b, t):
    frames, index = [], {}
    nodes = dict(frame=[], depth=[], baseline=[], target=[])

    def frame_index(name, root):
        key = (name, 'root' if root else kind_of(name))
        if key not in index:
            index[key] = len(frames)
            frames.append(dict(name=key[0], kind=key[1]))
        return index[key]

    def walk(bn, tn, d):
        node = bn or tn
        nodes['frame'].append(frame_index(node.name, d == 0))
        nodes['depth'].append(d)
        nodes['baseline'].append(round(bn.total, 4) if bn else 0)
        nodes['target'].append(round(tn.total, 4) if tn else 0)
        for name in sorted(set(bn.kids if bn else ()) | set(tn.kids if tn else ())):
            walk(bn.kids.get(name) if bn else None, tn.kids.get(name) if tn else None, d + 1)

    walk(b, t, 0)
    return dict(frames=frames, nodes=nodes)


def comparison(by, eid, name, typ, scope, sides, base_stacks, target_stacks, verdict, slower_than=None):
    fold = (lambda f: fold_app(f)) if scope == 'app' else (lambda f: f)
    b_stacks = [(fold(f), w) for f, w in base_stacks]
    t_stacks = [(fold(f), w) for f, w in target_stacks]
    b_root, t_root = build(b_stacks), build(t_stacks)
    (bs, bt), (ts, tt) = weights(b_root), weights(t_root)
    functions = []
    for fn in set(bs) | set(ts):
        comp, label = component_of(fn) or JDK_COMPONENT
        row = dict(name=fn, kind=kind_of(fn), component=comp, componentLabel=label,
                   baselineSelf=round(bs.get(fn, 0), 4), targetSelf=round(ts.get(fn, 0), 4),
                   baselineTotal=round(bt.get(fn, 0), 4), targetTotal=round(tt.get(fn, 0), 4))
        row['deltaSelf'] = round(row['targetSelf'] - row['baselineSelf'], 4)
        row['deltaTotal'] = round(row['targetTotal'] - row['baselineTotal'], 4)
        functions.append(row)
    functions.sort(key=lambda r: (-r['deltaSelf'], r['name']))
    bc, tc = components_of(b_stacks), components_of(t_stacks)
    components = [dict(name=c[0], label=c[1], baseline=round(bc.get(c, 0), 4), target=round(tc.get(c, 0), 4),
                       delta=round(tc.get(c, 0) - bc.get(c, 0), 4)) for c in sorted(set(bc) | set(tc))]
    components.sort(key=lambda c: -c['delta'])
    # the sides' figures of the compared type are their flame graphs' roots
    figure = 'cpuMsPerRequest' if typ == 'cpu' else 'wallMsPerRequest'
    baseline, target = (dict(s, valuePerRequest=round(root.total, 4), **{figure: round(root.total, 1)})
                        for s, root in zip(sides, (b_root, t_root)))
    if callable(verdict):
        verdict = verdict(baseline, target)
    write('comparisons/%s/%s-%s-%s.json' % (eid, by, typ, scope), dict(
        by=by, id=eid, name=name, type=typ, scope=scope, unit='ms', slowerThanMs=slower_than,
        baseline=baseline, target=target, verdict=verdict, components=components, functions=functions[:200],
        flame=merged_flame(b_root, t_root),
        sampling=dict(cpuIntervalMs=CPU_MS, wallIntervalMs=WALL_MS, chunkSeconds=10, types=['cpu', 'wall'])))


def side(label, span, requests, latency, cpu, wall, version=None):
    return dict(label=label, **{'from': iso(span[0]), 'to': iso(span[1])}, version=version, requests=requests,
                latencyMs=latency, cpuMsPerRequest=cpu, wallMsPerRequest=wall)


def clock(t):
    return t.strftime('%H:%M')


def comparisons():
    rng = random.Random('issue10')
    calc2_id = endpoint_id(CALC2)
    whole = (START, END)
    # slow requests of calc2 multiply more, in calc3's own loop and a new BigInteger.pow; calc2 itself shrinks
    slow_mult = [('java.math.BigInteger.multiplyToLen', 1.9), (CALC3, 1.6), ('dev.hotpath.demo.Calculations.calc2', 0.25)]
    slow_new = [(with_prefix('dev.hotpath.demo.CalculationController.calculate2', CALC3, 'java.math.BigInteger.pow',
                             'java.math.BigInteger.square'), 60.0)]
    sides = (side('typical requests (under 1840 ms)', whole, 95, 1175.3, 1060.0, 1128.4),
             side('slow requests (1840 ms or more)', whole, 5, 1951.2, 1829.7, 1932.1))

    def verdict(b, t):
        cpu = t['cpuMsPerRequest'] - b['cpuMsPerRequest']
        return ('Slow requests take %.1f ms longer; %.1f ms of it is CPU time, so the difference is computing, '
                'not waiting: most of it in dev.hotpath.demo.Calculations.calc3.' % (t['latencyMs'] - b['latencyMs'], cpu))
    for typ, interval_value in (('cpu', 1060.0), ('wall', 1128.4)):
        base = per_request(endpoint_stacks(CALC2, typ == 'wall'), interval_value)
        target = changed(base, rng, slow_mult, slow_new)
        for scope in ('app', 'all'):
            comparison('slow', calc2_id, CALC2, typ, scope, sides, base, target, verdict, 1840.0)
    # version 1.1.0 of calc2: calc2 grew, multiplying got cheaper
    base = per_request(endpoint_stacks(CALC2, False), 1060.0)
    target = changed(base, rng, [('dev.hotpath.demo.Calculations.calc2', 3.0), ('java.math.BigInteger.multiplyToLen', 0.6)])
    comparison('version', calc2_id, CALC2, 'cpu', 'app',
               (side('version 1.0.0', (START - timedelta(hours=2), START), 410, 1190.4, 1060.0, 1128.4, '1.0.0'),
                side('version 1.1.0', whole, 100, 1214.6, 1120.0, 1190.0, '1.1.0')),
               base, target, 'Version 1.1.0 takes 24.2 ms longer per request than 1.0.0; dev.hotpath.demo.Calculations.calc2 grew most.')
    labels = ('before (%s–%s)' % (clock(BEFORE[0]), clock(BEFORE[1])), 'after (%s–%s)' % (clock(AFTER[0]), clock(AFTER[1])))
    comparison('range', calc2_id, CALC2, 'cpu', 'app',
               (side(labels[0], BEFORE, 31, 1201.0, 1101.0, 1170.2), side(labels[1], AFTER, 36, 1230.9, 1140.3, 1201.5)),
               base, changed(base, rng, [(CALC3, 1.08)]), None)
    # the whole application: search got slower after 05:50, the database faster
    app = (per_request(endpoint_stacks(CALC2, False), 220.0) + per_request(endpoint_stacks('GET /search', False), 6.0)
           + per_request(endpoint_stacks('GET /products/{id}', False), 4.0))
    app_after = changed(app, rng, [('dev.hotpath.demo.SearchService.matches', 1.9),
                                   ('org.hibernate.internal.SessionImpl.find', 0.5)])
    for scope in ('app', 'all'):
        comparison('range', APP_ID, 'application', 'cpu', scope,
                   (side(labels[0], BEFORE, 1520, 61.2, 230.0, 251.0), side(labels[1], AFTER, 1498, 64.0, 233.1, 254.3)),
                   app, app_after, 'Requests took 2.8 ms longer after 05:50; dev.hotpath.demo.SearchService.matches grew most.')


def findings():
    calc2_id = endpoint_id(CALC2)
    grew = 'comparisons/%s?by=range&from=%s&to=%s&baselineFrom=%s&baselineTo=%s' % (
        APP_ID, iso(AFTER[0]), iso(AFTER[1]), iso(BEFORE[0]), iso(BEFORE[1]))
    write('findings.json', dict(range={'from': iso(START), 'to': iso(END), 'retentionSeconds': 3600}, findings=[
        dict(kind='slowest', view='endpoints/' + calc2_id,
             text='GET /calculate2/{number} is the slowest endpoint (p95 1.8 s); 91% of its CPU time is in dev.hotpath.demo.Calculations.calc3.'),
        dict(kind='grew', view=grew,
             text='dev.hotpath.demo.SearchService.matches grew most since the previous 10 minutes: +1.2 ms of CPU per request.'),
        dict(kind='slow-differs', view='comparisons/%s?by=slow' % calc2_id,
             text='Slow requests of GET /calculate2/{number} (1840 ms or more) spend 779.0 ms more CPU per request in '
                  'dev.hotpath.demo.Calculations.calc3 than typical ones.'),
    ]))


def hot_lines():
    """calc3's lines in calc2's profile: most of it in the multiplying loop"""
    calc2_id = endpoint_id(CALC2)
    for typ, unknown in (('cpu', 14), ('wall', 0)):
        stacks = endpoint_stacks(CALC2, typ == 'wall')
        self_w, total_w = weights(build(scale(stacks, 11000 if typ == 'cpu' else 5900)))
        s, t = round(self_w[CALC3]), round(total_w[CALC3])
        known = t - unknown
        shares = [(57, 0.58, 0.62), (61, 0.24, 0.2), (58, 0.1, 0.1), (64, 0.06, 0.05), (55, 0.02, 0.03)]
        lines = [dict(line=n, self=round(s * ss), total=round(known * ts)) for n, ss, ts in shares]
        for line in lines:
            line['selfShare'] = round(line['self'] / t, 4)
            line['totalShare'] = round(line['total'] / t, 4)
        write('lines/%s/%s/%s.json' % (calc2_id, typ, CALC3), dict(
            id=calc2_id, name=CALC2, function=CALC3, type=typ, unit='samples', self=s, total=t,
            lines=lines, unknownLine=unknown))


if __name__ == '__main__':
    main()
    comparisons()
    findings()
    hot_lines()
