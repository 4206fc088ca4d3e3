import { startKubeCluster, kubeBinaries, type KubeCluster } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { webAppCsp } from '@gomeet/platform';
import { DEFAULT_VPC_RANGE } from '../../apps/ops/src/commands/setup-infrastructure/ranges.js';
import {
  planSecrets,
  PROVIDED_SECRETS,
  SECRET_NAMES,
} from '../../apps/ops/src/commands/setup-secrets/plan.js';
import { authConfigSchema } from '../../services/auth/src/config.js';
import { chatConfig } from '../../services/chat/src/config.js';
import { meetingConfig } from '../../services/meeting/src/config.js';
import { recorderConfig } from '../../services/recorder/src/config.js';
import { signalingConfig } from '../../services/signaling/src/config.js';
import {
  containersOf,
  kubectlPath,
  parseObjects,
  readGateway,
  renderKustomization,
  repoPath,
  selects,
  WORKLOAD_KINDS,
  type Container,
  type K8sObject,
} from './k8s-objects.js';
import { canReach, type Endpoint } from './reachability.js';

const KUBECTL = kubectlPath();
if (process.env.CI === 'true' && !KUBECTL)
  throw new Error('kubectl is required in CI: run bash scripts/install-k8s.sh');
if (!KUBECTL) console.warn('manifests: kubectl not built yet (scripts/install-k8s.sh); skipping');

const OVERLAYS = ['staging', 'production'] as const;
type Overlay = (typeof OVERLAYS)[number];
const NODE_SERVICES = ['auth-service', 'meeting-service', 'signaling-service', 'chat-service'];
const HTTP_APPS = [...NODE_SERVICES, 'frontend'];
const MEDIA_APPS = ['livekit-sfu', 'coturn'];

const rendered = new Map<Overlay, K8sObject[]>();
const gateway = parseObjects(readGateway());
/** An overlay's objects plus the gateway's, as a cluster runs them. */
const cluster = (overlay: Overlay): K8sObject[] => [...(rendered.get(overlay) ?? []), ...gateway];
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is missing`);
  return found;
};
const workloads = (objects: K8sObject[]) => objects.filter((o) => WORKLOAD_KINDS.has(o.kind));
const podLabels = (w: K8sObject): Record<string, string> => w.spec?.template?.metadata.labels ?? {};
const containersOfWorkload = (w: K8sObject): Container[] =>
  w.spec?.template ? containersOf(w.spec.template.spec) : [];
/** What an operator hands setup-secrets for the Secrets it does not generate (smtp-secret, auth-oidc). */
const PROVIDED = {
  smtpUrl: 'smtps://gomeet%40example.com:app-password-123@smtp.example.com:465',
  oidcProviders: JSON.stringify([
    {
      id: 'corp',
      name: 'Corp Login',
      issuer: 'https://login.example.com/realms/staff',
      clientId: 'gomeet',
      clientSecret: 'client-secret-123',
    },
  ]),
};
const KNOWN_SECRETS = new Set<string>([...SECRET_NAMES, ...Object.keys(PROVIDED_SECRETS)]);

describe.skipIf(!KUBECTL)('Kubernetes manifests', () => {
  beforeAll(async () => {
    for (const overlay of OVERLAYS)
      rendered.set(
        overlay,
        parseObjects(await renderKustomization(KUBECTL!, `deployment/k8s/overlays/${overlay}`)),
      );
  });

  describe.each(OVERLAYS)('%s overlay', (overlay) => {
    it('gives every container requests, limits, probes and a locked-down security context', () => {
      const problems: string[] = [];
      for (const w of workloads(cluster(overlay))) {
        const pod = w.spec!.template!.spec;
        for (const c of containersOfWorkload(w)) {
          const where = `${w.kind}/${w.metadata.name} container ${c.name}`;
          for (const kind of ['requests', 'limits'] as const)
            for (const r of ['cpu', 'memory'])
              if (!c.resources?.[kind]?.[r]) problems.push(`${where}: no ${kind}.${r}`);
          for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const)
            if (!c[probe]) problems.push(`${where}: no ${probe}`);
          const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
          if (nonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
          if (c.securityContext?.readOnlyRootFilesystem !== true)
            problems.push(`${where}: root filesystem is writable`);
          if (c.securityContext?.allowPrivilegeEscalation !== false)
            problems.push(`${where}: privilege escalation allowed`);
          if (!c.securityContext?.capabilities?.drop?.includes('ALL'))
            problems.push(`${where}: capabilities not dropped`);
        }
        if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
          problems.push(`${w.kind}/${w.metadata.name}: no RuntimeDefault seccomp profile`);
      }
      expect(problems).toEqual([]);
    });

    it('probes the HTTP services on /healthz (liveness) and /readyz (readiness)', () => {
      for (const app of [...HTTP_APPS]) {
        const [c] = containersOfWorkload(named(cluster(overlay), 'Deployment', app));
        expect(c?.livenessProbe?.httpGet?.path, app).toBe('/healthz');
        expect(c?.readinessProbe?.httpGet?.path, app).toBe('/readyz');
        expect(c?.ports?.find((p) => p.name === 'http')?.containerPort, app).toBe(8080);
        // /metrics on METRICS_PORT, which the scrape annotation names.
        expect(c?.ports?.find((p) => p.name === 'metrics')?.containerPort, app).toBe(9464);
        const pod = named(cluster(overlay), 'Deployment', app).spec?.template?.metadata as
          { annotations?: Record<string, string> } | undefined;
        expect(pod?.annotations?.['prometheus.io/port'], app).toBe('9464');
      }
    });

    it('covers every Deployment with a PodDisruptionBudget', () => {
      const pdbs = ofKind(cluster(overlay), 'PodDisruptionBudget');
      const uncovered = ofKind(cluster(overlay), 'Deployment')
        .filter((d) => !pdbs.some((p) => selects(p.spec?.selector, podLabels(d))))
        .map((d) => d.metadata.name);
      expect(uncovered).toEqual([]);
    });

    it('pins every image to a tag, never latest', () => {
      const images = workloads(cluster(overlay)).flatMap((w) =>
        containersOfWorkload(w).map((c) => c.image),
      );
      expect(images.length).toBeGreaterThan(5);
      const bad = images.filter((image) => {
        const tag = /:([^/:@]+)$/.exec(image)?.[1];
        return tag === undefined || tag === 'latest';
      });
      expect(bad).toEqual([]);
    });

    it('selects existing pods with every Service, PDB and NetworkPolicy rule', () => {
      const objects = cluster(overlay);
      const pods = workloads(objects).map(podLabels);
      for (const svc of ofKind(objects, 'Service')) {
        const selector = { matchLabels: svc.spec?.selector as Record<string, string> };
        expect(
          pods.some((labels) => selects(selector, labels)),
          `Service ${svc.metadata.name}`,
        ).toBe(true);
      }
      for (const pdb of ofKind(objects, 'PodDisruptionBudget'))
        expect(pods.some((labels) => selects(pdb.spec?.selector, labels))).toBe(true);
      for (const np of ofKind(objects, 'NetworkPolicy')) {
        const sel = np.spec?.podSelector ?? {};
        if (Object.keys(sel).length === 0) continue;
        expect(
          pods.some((labels) => selects(sel, labels)),
          `NetworkPolicy ${np.metadata.name}`,
        ).toBe(true);
      }
    });

    it('points every HPA at an existing Deployment or Rollout', () => {
      const objects = cluster(overlay);
      for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
        const ref = hpa.spec!.scaleTargetRef!;
        expect(
          objects.some((o) => o.kind === ref.kind && o.metadata.name === ref.name),
          `${hpa.metadata.name} → ${ref.kind}/${ref.name}`,
        ).toBe(true);
      }
      const auth = named(objects, 'HorizontalPodAutoscaler', 'auth-service-hpa');
      expect(auth.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'auth-service' });
      const utilization: Record<string, number | undefined> = Object.fromEntries(
        (auth.spec?.metrics ?? []).map((m): [string, number | undefined] => [
          m.resource?.name ?? m.type,
          m.resource?.target.averageUtilization,
        ]),
      );
      expect(utilization).toEqual({ cpu: 70, memory: 80 });
      expect([auth.spec?.minReplicas, auth.spec?.maxReplicas]).toEqual(
        overlay === 'production' ? [8, 20] : [2, 4],
      );
    });

    it('reads only Secrets that setup-secrets creates, and only keys it writes', async () => {
      const plan = await planSecrets(new Map(), {
        database: false,
        rotate: false,
        now: new Date(),
        ...PROVIDED,
      });
      const keys = new Map(plan.map((c) => [c.name, Object.keys(c.data)]));
      const certificates = new Set(
        ofKind(cluster(overlay), 'Certificate').map((c) => c.spec?.secretName),
      );
      const problems: string[] = [];
      for (const w of workloads(cluster(overlay))) {
        for (const c of containersOfWorkload(w)) {
          for (const e of c.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            if (!ref) continue;
            if (!KNOWN_SECRETS.has(ref.name))
              problems.push(`${c.name}: ${e.name} from unknown Secret ${ref.name}`);
            else if (!keys.get(ref.name)?.includes(ref.key))
              problems.push(`${c.name}: ${ref.name} has no key ${ref.key}`);
            // Only the operator can supply these: a cluster without them must still start pods.
            else if (ref.name in PROVIDED_SECRETS && ref.optional !== true)
              problems.push(`${c.name}: ${e.name} from ${ref.name} without optional: true`);
          }
          for (const f of c.envFrom ?? [])
            if (f.secretRef && !(SECRET_NAMES as readonly string[]).includes(f.secretRef.name))
              problems.push(`${c.name}: envFrom unknown Secret ${f.secretRef.name}`);
        }
        for (const v of w.spec?.template?.spec.volumes ?? []) {
          const name = v.secret?.secretName;
          if (
            name &&
            !(SECRET_NAMES as readonly string[]).includes(name) &&
            !certificates.has(name)
          )
            problems.push(`${w.metadata.name}: volume from unknown Secret ${name}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it.each([
      ['without', {}],
      ['with', PROVIDED],
    ] as const)(
      'gives each service an environment its own config schema accepts in production, %s SMTP and SSO Secrets',
      async (_with, provided) => {
        const objects = cluster(overlay);
        const plan = await planSecrets(new Map(), {
          database: false,
          rotate: false,
          now: new Date(),
          ...provided,
        });
        const secrets = new Map(plan.map((c) => [c.name, c.data]));
        const parsed = new Map<string, Record<string, unknown>>();
        const schemas = {
          'auth-service': authConfigSchema,
          'meeting-service': meetingConfig,
          'signaling-service': signalingConfig,
          'chat-service': chatConfig,
          recorder: recorderConfig,
        };
        for (const [app, schema] of Object.entries(schemas)) {
          const [c] = containersOfWorkload(named(objects, 'Deployment', app));
          const env: Record<string, string> = {};
          for (const f of c?.envFrom ?? [])
            if (f.configMapRef)
              Object.assign(env, named(objects, 'ConfigMap', f.configMapRef.name).data);
          for (const e of c?.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            const value = ref ? secrets.get(ref.name)?.[ref.key] : e.value;
            if (value !== undefined) env[e.name] = value;
          }
          expect(env.NODE_ENV, app).toBe('production');
          const result = schema.safeParse(env);
          expect(
            result.success ? [] : result.error.issues.map((i) => i.path.join('.')),
            app,
          ).toEqual([]);
          if (result.success) parsed.set(app, result.data);
        }
        const host = overlay === 'production' ? 'app.gomeet.app' : 'staging.gomeet.app';
        const sender = `<no-reply@${host.replace(/^app\./, '')}>`;
        for (const app of ['auth-service', 'meeting-service']) {
          expect(parsed.get(app)?.SMTP_URL, app).toBe(
            'smtpUrl' in provided ? PROVIDED.smtpUrl : undefined,
          );
          expect(parsed.get(app)?.MAIL_FROM, app).toMatch(new RegExp(`${sender}$`));
        }
        const auth = parsed.get('auth-service');
        expect(auth?.OIDC_PROVIDERS).toEqual(
          'oidcProviders' in provided ? JSON.parse(PROVIDED.oidcProviders) : [],
        );
        expect(auth?.AUTH_PASSWORD_LOGIN).toBe(true);
        expect(auth?.ADMIN_EMAILS).toEqual([]);
        const config = named(objects, 'ConfigMap', 'gomeet-config').data!;
        // The JWKS route is GET /.well-known/jwks.json under the auth-service's /api/auth prefix.
        expect(new URL(config.AUTH_JWKS_URL!).pathname).toBe('/api/auth/.well-known/jwks.json');
        expect(new URL(config.AUTH_JWKS_URL!).host).toMatch(
          /^auth-service(\.gomeet\.svc\.cluster\.local)?:8080$/,
        );
        expect(new URL(config.LIVEKIT_API_URL!).host).toMatch(/^livekit-sfu(\.|:)/);
        expect(config.PUBLIC_URL).toBe(`https://${host}`);
      },
    );

    it('runs the Node services on the general pool and LiveKit and coturn one per media node', () => {
      const objects = cluster(overlay);
      for (const w of workloads(objects)) {
        const pod = w.spec!.template!.spec;
        const media = MEDIA_APPS.includes(w.metadata.name);
        expect(pod.nodeSelector?.['doks.digitalocean.com/node-pool'], w.metadata.name).toBe(
          media ? 'gomeet-media' : 'gomeet-general',
        );
        const tolerates = (pod.tolerations ?? []).some((t) => t.key === 'gomeet.io/media');
        expect(tolerates, w.metadata.name).toBe(media);
        expect(pod.hostNetwork ?? false, w.metadata.name).toBe(media);
        if (media) expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
        else
          expect(pod.topologySpreadConstraints?.map((t) => t.topologyKey).sort()).toEqual([
            'kubernetes.io/hostname',
            'topology.kubernetes.io/zone',
          ]);
      }
      const sfu = named(objects, 'Deployment', 'livekit-sfu').spec!;
      const anti =
        sfu.template!.spec.affinity?.podAntiAffinity
          ?.requiredDuringSchedulingIgnoredDuringExecution;
      expect(anti?.[0]?.topologyKey).toBe('kubernetes.io/hostname');
      expect(
        selects(anti?.[0]?.labelSelector, podLabels(named(objects, 'Deployment', 'livekit-sfu'))),
      ).toBe(true);
      expect(sfu.strategy?.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
      expect(sfu.template!.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(3600);
    });

    it('configures LiveKit with the webhook, ports, room limits and key file the contract names', () => {
      const objects = cluster(overlay);
      const config = parseYaml(
        named(objects, 'ConfigMap', 'livekit-config').data!['config.yaml']!,
      ) as {
        key_file: string;
        redis: Record<string, unknown>;
        rtc: Record<string, unknown>;
        room: Record<string, unknown>;
        webhook: { urls: string[]; api_key: string };
        turn?: unknown;
      };
      expect(config.webhook.urls).toEqual([
        'http://signaling-service.gomeet.svc.cluster.local:8080/livekit/webhook',
      ]);
      expect(config.rtc).toMatchObject({
        tcp_port: 7881,
        port_range_start: 50000,
        port_range_end: 60000,
        use_external_ip: true,
      });
      expect(config.room).toEqual({ empty_timeout: 300, max_participants: 500 });
      expect(config.turn).toBeUndefined();
      const sfu = named(objects, 'Deployment', 'livekit-sfu');
      const [c] = containersOfWorkload(sfu);
      const keysMount = c?.volumeMounts?.find((m) => m.name === 'keys');
      expect(config.key_file).toBe(`${keysMount?.mountPath}/keys.yaml`);
      expect(
        sfu.spec?.template?.spec.volumes?.find((v) => v.name === 'keys')?.secret?.secretName,
      ).toBe('livekit-keys');
      expect(c?.env?.map((e) => e.name)).toEqual(
        expect.arrayContaining(['REDIS_URL', 'REDIS_PASSWORD', 'LIVEKIT_API_KEY']),
      );
    });
  });

  describe('network policies (a reachability model over the production objects)', () => {
    const gomeetNs = { name: 'gomeet', 'kubernetes.io/metadata.name': 'gomeet' };
    const pod = (app: string): Endpoint => ({
      kind: 'pod',
      namespace: 'gomeet',
      labels: { app, 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'gomeet' },
      namespaceLabels: gomeetNs,
    });
    const ENDPOINTS: Record<string, Endpoint> = {
      ...Object.fromEntries([...HTTP_APPS, 'traefik', 'recorder'].map((a) => [a, pod(a)])),
      // Host-network pods carry their node's VPC address.
      'livekit-sfu': { kind: 'address', ip: '10.110.3.7' },
      internet: { kind: 'address', ip: '203.0.113.50' },
      // DigitalOcean managed databases: addresses outside the cluster.
      postgresql: { kind: 'address', ip: '10.250.0.10' },
      redis: { kind: 'address', ip: '10.250.0.11' },
      'kube-dns': {
        kind: 'pod',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns' },
        namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
      },
      prometheus: {
        kind: 'pod',
        namespace: 'monitoring',
        labels: { app: 'prometheus' },
        namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
      },
      'other-namespace-pod': {
        kind: 'pod',
        namespace: 'default',
        labels: { app: 'something' },
        namespaceLabels: { 'kubernetes.io/metadata.name': 'default' },
      },
      'api-server': { kind: 'address', ip: '198.51.100.20' },
    };
    type Flow = [from: string, to: string, port: number, protocol?: 'TCP' | 'UDP'];
    const ALLOWED: Flow[] = [
      ['internet', 'traefik', 8443],
      ['internet', 'traefik', 8000],
      ...HTTP_APPS.map((a): Flow => ['traefik', a, 8080]),
      ['traefik', 'livekit-sfu', 7880],
      ['traefik', 'api-server', 443],
      ...HTTP_APPS.map((a): Flow => ['prometheus', a, 9464]),
      ['prometheus', 'traefik', 9100],
      ['livekit-sfu', 'signaling-service', 8080],
      ['meeting-service', 'auth-service', 8080],
      ['signaling-service', 'auth-service', 8080],
      ['chat-service', 'auth-service', 8080],
      ['meeting-service', 'livekit-sfu', 7880],
      ...NODE_SERVICES.flatMap((a): Flow[] => [
        [a, 'postgresql', 25060],
        [a, 'redis', 25061],
        [a, 'kube-dns', 53, 'UDP'],
        [a, 'kube-dns', 53, 'TCP'],
      ]),
      ['traefik', 'kube-dns', 53, 'UDP'],
      // The recorder: the bus, LiveKit's signal and media on the nodes, Spaces, its metrics.
      ['recorder', 'redis', 25061],
      ['recorder', 'livekit-sfu', 7880],
      ['recorder', 'livekit-sfu', 7881],
      ['recorder', 'livekit-sfu', 50000, 'UDP'],
      ['recorder', 'internet', 443],
      ['recorder', 'kube-dns', 53, 'UDP'],
      ['prometheus', 'recorder', 9464],
      // Mail (SMTP_URL) from auth and meeting on the submission ports; SSO providers from auth.
      ['auth-service', 'internet', 587],
      ['auth-service', 'internet', 465],
      ['meeting-service', 'internet', 587],
      ['meeting-service', 'internet', 465],
      ['auth-service', 'internet', 443],
    ];
    const DENIED: Flow[] = [
      ['frontend', 'postgresql', 25060],
      ['frontend', 'redis', 25061],
      ['frontend', 'auth-service', 8080],
      ['frontend', 'kube-dns', 53, 'UDP'],
      ['traefik', 'postgresql', 25060],
      ['chat-service', 'livekit-sfu', 7880],
      ['signaling-service', 'livekit-sfu', 7880],
      ['auth-service', 'livekit-sfu', 7880],
      ['auth-service', 'meeting-service', 8080],
      ['chat-service', 'meeting-service', 8080],
      ['meeting-service', 'signaling-service', 8080],
      ['internet', 'auth-service', 8080],
      ['internet', 'signaling-service', 8080],
      ['livekit-sfu', 'auth-service', 8080],
      ['livekit-sfu', 'meeting-service', 8080],
      ['other-namespace-pod', 'auth-service', 8080],
      ['prometheus', 'auth-service', 9229],
      ['prometheus', 'traefik', 8443],
      // Metrics live on 9464: Prometheus has no business on the API port, the gateway none on metrics.
      ...HTTP_APPS.map((a): Flow => ['prometheus', a, 8080]),
      ...HTTP_APPS.map((a): Flow => ['traefik', a, 9464]),
      ['traefik', 'auth-service', 9229],
      ['meeting-service', 'internet', 443],
      ['auth-service', 'internet', 80],
      ['auth-service', 'internet', 25],
      ['signaling-service', 'internet', 587],
      ['chat-service', 'internet', 465],
      ['chat-service', 'internet', 443],
      ['frontend', 'internet', 587],
      // The internet rules leave private addresses out (here the node network).
      ['auth-service', 'livekit-sfu', 443],
      ['meeting-service', 'livekit-sfu', 587],
      ['meeting-service', 'postgresql', 5432],
      ['auth-service', 'redis', 6379],
      ['traefik', 'internet', 80],
      ['recorder', 'postgresql', 25060],
      ['recorder', 'auth-service', 8080],
      ['recorder', 'internet', 80],
      ['traefik', 'recorder', 8080],
      ['internet', 'recorder', 8080],
    ];
    const policies = () => ofKind(cluster('production'), 'NetworkPolicy');
    const reach = ([from, to, port, protocol = 'TCP']: Flow) =>
      canReach(policies(), ENDPOINTS[from]!, ENDPOINTS[to]!, { port, protocol });

    it('starts from deny-all for ingress and egress', () => {
      const deny = named(cluster('production'), 'NetworkPolicy', 'default-deny-all');
      expect(deny.spec?.podSelector).toEqual({});
      expect(deny.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    });

    it.each(ALLOWED.map((f) => [`${f[0]} → ${f[1]}:${f[2]}/${f[3] ?? 'TCP'}`, f] as const))(
      'allows %s',
      (_name, flow) => expect(reach(flow)).toBe(true),
    );

    it.each(DENIED.map((f) => [`${f[0]} → ${f[1]}:${f[2]}/${f[3] ?? 'TCP'}`, f] as const))(
      'denies %s',
      (_name, flow) => expect(reach(flow)).toBe(false),
    );

    it("takes the node network from setup-infrastructure's VPC, not DOKS's pod range", () => {
      // Every private block is the node network; 0.0.0.0/0 is the public gateway's ingress.
      const blocks = (JSON.stringify(policies()).match(/"cidr":"[^"]+"/g) ?? []).filter(
        (b) => b !== '"cidr":"0.0.0.0/0"',
      );
      expect(blocks.length).toBeGreaterThan(0);
      for (const b of blocks) expect(b).toBe(`"cidr":"${DEFAULT_VPC_RANGE}"`);
    });

    it('is the same in staging', () => {
      const names = (o: Overlay) =>
        ofKind(cluster(o), 'NetworkPolicy').map((p) => JSON.stringify(p));
      expect(names('staging')).toEqual(names('production'));
    });
  });

  describe('gateway (traefik-gateway.yaml)', () => {
    it('puts every namespaced object in gomeet', () => {
      const clusterScoped = new Set([
        'Namespace',
        'ClusterRole',
        'ClusterRoleBinding',
        'ClusterIssuer',
      ]);
      const stray = gateway
        .filter((o) => !clusterScoped.has(o.kind) && o.metadata.namespace !== 'gomeet')
        .map((o) => `${o.kind}/${o.metadata.name}`);
      expect(stray).toEqual([]);
    });

    it("routes exactly the all-in-one server's paths, and never the LiveKit webhook", () => {
      const routes = ofKind(gateway, 'IngressRoute')
        .filter((r) => (r.spec?.entryPoints as string[]).includes('websecure'))
        .flatMap((r) => r.spec!.routes!)
        .map((r) => [r.match, r.services?.map((s) => `${s.name}:${s.port}`).join(',')]);
      expect(Object.fromEntries(routes)).toEqual({
        'Host(`app.gomeet.app`) && PathPrefix(`/api/auth`)': 'auth-service:8080',
        'Host(`app.gomeet.app`) && PathPrefix(`/api/meetings`)': 'meeting-service:8080',
        'Host(`app.gomeet.app`) && PathPrefix(`/api/chat`)': 'chat-service:8080',
        'Host(`app.gomeet.app`) && Path(`/ws`)': 'signaling-service:8080',
        'Host(`app.gomeet.app`) && PathPrefix(`/`)': 'frontend:8080',
        'Host(`livekit.gomeet.app`) && PathPrefix(`/rtc`)': 'livekit-sfu:7880',
      });
    });

    it('references only Services, Middlewares, TLS options and certificates that exist', () => {
      const objects = cluster('production');
      for (const route of ofKind(gateway, 'IngressRoute')) {
        for (const r of route.spec!.routes!) {
          for (const m of r.middlewares ?? []) named(gateway, 'Middleware', m.name);
          for (const s of r.services ?? []) {
            if (s.kind === 'TraefikService') continue;
            const svc = named(objects, 'Service', s.name);
            expect(svc.spec?.ports?.map((p) => p.port)).toContain(s.port);
          }
        }
        const tls = route.spec?.tls;
        if (!tls) continue;
        if (tls.options) named(gateway, 'TLSOption', tls.options.name);
        const cert = ofKind(gateway, 'Certificate').find(
          (c) => c.spec?.secretName === tls.secretName,
        );
        expect(cert, route.metadata.name).toBeDefined();
        named(gateway, 'ClusterIssuer', cert!.spec!.issuerRef!.name);
      }
    });

    it('lets the web app connect to the API and to LiveKit over wss in its CSP', () => {
      const csp = named(gateway, 'Middleware', 'security-headers').spec?.headers
        ?.contentSecurityPolicy;
      const connect = /connect-src ([^;]+)/.exec(csp ?? '')?.[1]?.split(/\s+/) ?? [];
      const config = named(cluster('production'), 'ConfigMap', 'gomeet-config').data!;
      expect(connect).toEqual(
        expect.arrayContaining(["'self'", config.LIVEKIT_URL, 'wss://app.gomeet.app']),
      );
    });

    it("sends the all-in-one server's web-app CSP, directive for directive", () => {
      const csp =
        named(gateway, 'Middleware', 'security-headers').spec?.headers?.contentSecurityPolicy ?? '';
      const config = named(cluster('production'), 'ConfigMap', 'gomeet-config').data!;
      const directives = (policy: string): Record<string, string[]> =>
        Object.fromEntries(
          policy
            .split(';')
            .map((d) => d.trim().split(/\s+/))
            .filter((d) => d[0])
            .map(([name, ...values]): [string, string[]] => [name ?? '', values.sort()]),
        );
      const gatewayCsp = directives(csp);
      const appCsp = directives(webAppCsp({ livekitUrl: config.LIVEKIT_URL }));
      // The gateway also names the app's own host in connect-src; 'self' covers it in the app.
      expect(gatewayCsp['connect-src']).toEqual(expect.arrayContaining(appCsp['connect-src']!));
      delete gatewayCsp['connect-src'];
      delete appCsp['connect-src'];
      expect(gatewayCsp).toEqual(appCsp);
    });

    it('lets a 500-person crowd behind one address through its rate limits in 10 s', () => {
      const limit = (name: string) => {
        const r = named(gateway, 'Middleware', name).spec?.rateLimit as
          { average: number; burst: number; period: string } | undefined;
        expect(r?.period, name).toBe('1s');
        return r!;
      };
      // Per person: a guest pass or sign-in, then join, roster and chat reads (docs/SECURITY.md).
      const crowd = (r: { average: number; burst: number }, perPerson: number) =>
        r.burst + r.average * 10 >= 500 * perPerson;
      expect(crowd(limit('auth-rate-limit'), 1)).toBe(true);
      expect(crowd(limit('rate-limit'), 3)).toBe(true);
    });

    it('is a LoadBalancer with least-connections and PROXY protocol on DigitalOcean', () => {
      const svc = named(gateway, 'Service', 'traefik');
      expect(svc.spec?.type).toBe('LoadBalancer');
      expect(svc.metadata.annotations).toMatchObject({
        'service.beta.kubernetes.io/do-loadbalancer-algorithm': 'least_connections',
        'service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol': 'true',
        'service.beta.kubernetes.io/do-loadbalancer-protocol': 'tcp',
      });
      const [c] = containersOfWorkload(named(gateway, 'Deployment', 'traefik'));
      expect(c?.image).toBe('traefik:v3.6.12');
    });
  });

  describe('production rollouts', () => {
    it('takes the pod template from the Deployment and scales it to 0 on success', () => {
      const objects = cluster('production');
      const strategies = Object.fromEntries(
        ofKind(objects, 'Rollout').map((r) => {
          const ref = r.spec!.workloadRef!;
          named(objects, 'Deployment', ref.name);
          expect(ref.scaleDown).toBe('onsuccess');
          const strategy = r.spec!.strategy as Record<string, unknown>;
          return [r.metadata.name, Object.keys(strategy)[0]];
        }),
      );
      expect(strategies).toEqual({ 'signaling-service': 'canary', 'meeting-service': 'blueGreen' });
      const template = named(objects, 'AnalysisTemplate', 'gomeet-http-health');
      const text = JSON.stringify(template.spec);
      expect(text).toContain('http_requests_total');
      expect(text).toContain('http_request_duration_seconds_bucket');
      expect(text).toContain('{{args.prometheus-address}}');
      // A replica count in the Deployment would undo Argo's scale-down on every apply.
      for (const name of ['meeting-service', 'signaling-service'])
        expect(named(objects, 'Deployment', name).spec?.replicas).toBeUndefined();
    });
  });
});

const BINARIES = kubeBinaries();
if (process.env.CI === 'true' && !BINARIES)
  throw new Error(
    'the Kubernetes test binaries are required in CI: run bash scripts/install-k8s.sh',
  );

describe.skipIf(!BINARIES || !KUBECTL)('manifests on a real control plane', () => {
  let kube: KubeCluster;
  const kubectl = async (args: string[], input?: string) => {
    const r = await kube.kubectl(
      args,
      input === undefined ? { timeoutMs: 60_000 } : { input, timeoutMs: 60_000 },
    );
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${r.stderr}`);
    return r.stdout;
  };

  beforeAll(async () => {
    kube = await startKubeCluster();
    await kubectl(
      ['apply', '--server-side', '-f', '-'],
      await renderKustomization(KUBECTL!, 'deployment/k8s/crds'),
    );
    await kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
    // Server-side dry runs need the namespace to exist.
    await kubectl(['apply', '--server-side', '-f', repoPath('deployment/k8s/base/namespace.yaml')]);
  }, 180_000);

  afterAll(async () => {
    await kube?.stop();
  });

  it.each(OVERLAYS)(
    'accepts the whole %s overlay in a server-side dry run',
    async (overlay) => {
      const yaml = await renderKustomization(KUBECTL!, `deployment/k8s/overlays/${overlay}`);
      const out = await kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], yaml);
      expect(out).toContain('deployment.apps/auth-service serverside-applied (server dry run)');
    },
    60_000,
  );

  it('accepts traefik-gateway.yaml on its own in a server-side dry run', async () => {
    const out = await kubectl([
      'apply',
      '--server-side',
      '--dry-run=server',
      '-f',
      repoPath('deployment/digitalocean/traefik-gateway.yaml'),
    ]);
    expect(out).toContain('ingressroute.traefik.io/gomeet-app serverside-applied (server dry run)');
  }, 60_000);

  it('schedules production onto the right node pools and every pod runs', async () => {
    await kubectl(
      ['apply', '--server-side', '-f', '-'],
      await renderKustomization(KUBECTL!, 'deployment/k8s/overlays/production'),
    );
    await kubectl([
      'apply',
      '--server-side',
      '-f',
      repoPath('deployment/digitalocean/traefik-gateway.yaml'),
    ]);
    const pools = new Map(kube.nodes.map((n) => [n.name, n.pool]));
    const expected: Record<string, string> = {
      ...Object.fromEntries([...HTTP_APPS, 'traefik'].map((a) => [a, 'gomeet-general'])),
      'livekit-sfu': 'gomeet-media',
      coturn: 'gomeet-media',
    };
    interface PodList {
      items: {
        metadata: { name: string; labels?: Record<string, string> };
        spec: { nodeName?: string };
        status: { phase?: string };
      }[];
    }
    let last = '';
    const deadline = Date.now() + 90_000;
    for (;;) {
      const pods = JSON.parse(
        await kubectl(['get', 'pods', '-n', 'gomeet', '-o', 'json']),
      ) as PodList;
      const byApp = new Map<string, { node: string; phase: string }[]>();
      for (const p of pods.items) {
        const app = p.metadata.labels?.app ?? '';
        byApp.set(app, [
          ...(byApp.get(app) ?? []),
          { node: p.spec.nodeName ?? '', phase: p.status.phase ?? '' },
        ]);
      }
      const problems: string[] = [];
      for (const [app, pool] of Object.entries(expected)) {
        const list = byApp.get(app) ?? [];
        if (list.length === 0) problems.push(`${app}: no pods`);
        for (const p of list) {
          if (pools.get(p.node) !== pool)
            problems.push(`${app}: on ${p.node || 'no node'}, not ${pool}`);
          if (p.phase !== 'Running') problems.push(`${app}: ${p.phase}`);
        }
      }
      // The HPA raises auth-service to the runbook's minimum of 8 (no metrics needed for that).
      if ((byApp.get('auth-service') ?? []).length < 8)
        problems.push('auth-service: fewer than 8 pods');
      // One coturn per media node, at most one SFU per node.
      const mediaNodes = kube.nodes.filter((n) => n.pool === 'gomeet-media').length;
      if ((byApp.get('coturn') ?? []).length !== mediaNodes)
        problems.push('coturn: not one per media node');
      const sfuNodes = (byApp.get('livekit-sfu') ?? []).map((p) => p.node);
      if (new Set(sfuNodes).size !== sfuNodes.length) problems.push('livekit-sfu: two on a node');
      if (problems.length === 0) break;
      last = problems.join('\n');
      if (Date.now() > deadline) throw new Error(`production did not come up:\n${last}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }, 120_000);
});
