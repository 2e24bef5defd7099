import type { PolicyContext, PolicyResource, PolicyRule } from "../model";
import { anyOpaque, cannotCheck, get, isKnown, list, ofType, opacity, str } from "../values";

/**
 * ELB security policies whose minimum is TLS 1.2: `ELBSecurityPolicy-TLS13-1-2-*`, `-TLS13-1-3-*`,
 * `-TLS-1-2-*`, `-FS-1-2-*` (FIPS variants included). The listener default, ELBSecurityPolicy-2016-08, allows TLS 1.0.
 */
const ELB_TLS12 = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/;

/** Ports that carry plain HTTP when a listener only passes TCP through (NLB `TCP:80`, classic ELB `tcp` on 80). */
const HTTP_PORTS = new Set([80, 8080]);

function awsListener(r: PolicyResource, ctx: PolicyContext): string[] {
  const opaque = cannotCheck("protocol", r.inputs.protocol, ctx);
  if (opaque.length) return opaque;
  const protocol = str(r.inputs.protocol)?.toUpperCase() ?? (r.inputs.certificateArn === undefined ? "HTTP" : "HTTPS");
  if (protocol === "TCP" || protocol === "UDP" || protocol === "TCP_UDP") {
    // An NLB TCP listener on port 80 serves whatever the target speaks there: plain HTTP to the world.
    const port = r.inputs.port;
    if (opacity(port)) return cannotCheck("port", port, ctx);
    return typeof port === "number" && HTTP_PORTS.has(port)
      ? [
          `${protocol} listener on port ${port} passes plain HTTP through; terminate TLS (protocol TLS or HTTPS) instead`,
        ]
      : [];
  }
  if (protocol === "HTTPS" || protocol === "TLS") {
    const policy = r.inputs.sslPolicy;
    if (opacity(policy)) return cannotCheck("sslPolicy", policy, ctx);
    const name = str(policy);
    if (name === undefined)
      return [
        `${protocol} listener has no sslPolicy, so it gets ELBSecurityPolicy-2016-08 (TLS 1.0); set a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06`,
      ];
    return ELB_TLS12.test(name) ? [] : [`${protocol} listener uses ${name}, which accepts TLS below 1.2`];
  }
  if (protocol !== "HTTP") return [];
  if (opacity(r.inputs.defaultActions)) return cannotCheck("defaultActions", r.inputs.defaultActions, ctx);
  const actions = list(r.inputs.defaultActions);
  const redirectsToHttps =
    actions.length > 0 &&
    actions.every((a) => get(a, "type") === "redirect" && str(get(a, "redirect.protocol"))?.toUpperCase() === "HTTPS");
  return redirectsToHttps
    ? []
    : [
        'plain HTTP listener serves traffic; an HTTP listener may only redirect to HTTPS (defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }])',
      ];
}

export const awsLoadBalancerHttpsOnly: PolicyRule = {
  name: "aws-load-balancer-https-only",
  description:
    "Load balancer listeners: HTTPS/TLS listeners must use a TLS 1.2+ security policy (ELBSecurityPolicy-TLS13-1-2-*, -TLS-1-2-*, -FS-1-2-*); plain HTTP listeners may only redirect to HTTPS; a TCP/UDP (NLB) listener must not pass port 80 through; classic ELB listeners must be HTTPS or SSL (an http/tcp listener on port 80 serves clear text). Why: the default policy accepts TLS 1.0/1.1, and an HTTP listener that forwards serves the app in clear text.",
  clouds: ["aws"],
  scope: "resource",
  types: [
    "aws:lb/listener:Listener",
    "aws:alb/listener:Listener",
    "aws:elasticloadbalancingv2/listener:Listener",
    "aws:applicationloadbalancing/listener:Listener",
    "aws:elb/loadBalancer:LoadBalancer",
  ],
  check(r, ctx) {
    return r.type === "aws:elb/loadBalancer:LoadBalancer" ? classicElb(r, ctx) : awsListener(r, ctx);
  },
};

/**
 * Classic Load Balancer listeners (`lbProtocol` http, https, tcp or ssl; AWS "Listeners for your Classic Load
 * Balancer", https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html): http, and tcp on
 * an HTTP port, serve clear text to clients.
 */
function classicElb(r: PolicyResource, ctx: PolicyContext): string[] {
  if (opacity(r.inputs.listeners)) return cannotCheck("listeners", r.inputs.listeners, ctx);
  return list(r.inputs.listeners).flatMap((l, i) => {
    const protocol = get(l, "lbProtocol");
    if (opacity(protocol)) return cannotCheck(`listeners[${i}].lbProtocol`, protocol, ctx);
    const p = str(protocol)?.toLowerCase();
    const port = get(l, "lbPort");
    if (p === "http") return [`classic ELB listener ${i} serves plain HTTP on port ${String(port)}; use https`];
    if (p === "tcp" && typeof port === "number" && HTTP_PORTS.has(port))
      return [`classic ELB listener ${i} passes port ${port} through as tcp: plain HTTP; use https or ssl`];
    return [];
  });
}

/** API Gateway security policies with TLS 1.2 as the minimum. */
const APIGW_TLS12 = /^(TLS_1_[23]|SecurityPolicy_TLS1[23]_(1_[23]|PFS)\w*)$/;

export const awsApiGatewayTls12: PolicyRule = {
  name: "aws-api-gateway-tls12",
  description:
    "API Gateway custom domains (HTTP/WebSocket `apigatewayv2.DomainName`, REST `apigateway.DomainName`) must set a TLS 1.2+ security policy (`TLS_1_2` or a `SecurityPolicy_TLS13_1_2_*`-style policy). Why: TLS 1.0/1.1 are deprecated and broken; a public API must refuse them.",
  clouds: ["aws"],
  scope: "resource",
  types: ["aws:apigatewayv2/domainName:DomainName", "aws:apigateway/domainName:DomainName"],
  check(r, ctx) {
    const policy =
      r.type === "aws:apigatewayv2/domainName:DomainName"
        ? get(r.inputs, "domainNameConfiguration.securityPolicy")
        : r.inputs.securityPolicy;
    if (opacity(policy)) return cannotCheck("securityPolicy", policy, ctx);
    const name = str(policy);
    if (name === undefined) return ["custom domain sets no securityPolicy; set TLS_1_2"];
    return APIGW_TLS12.test(name) ? [] : [`custom domain security policy ${name} accepts TLS below 1.2`];
  },
};

const GCP_TLS12 = new Set(["TLS_1_2", "TLS_1_3"]);
const GCP_URL_MAPS = ["gcp:compute/uRLMap:URLMap", "gcp:compute/regionUrlMap:RegionUrlMap"];

/** A URL map that only redirects to HTTPS: default redirect with httpsRedirect, and every path matcher too. */
function onlyRedirectsToHttps(map: PolicyResource): boolean {
  const redirects = (m: unknown): boolean => get(m, "defaultUrlRedirect.httpsRedirect") === true;
  return (
    redirects(map.inputs) &&
    list(map.inputs.pathMatchers).every(redirects) &&
    list(map.inputs.hostRules).length === list(map.inputs.pathMatchers).length
  );
}

export const gcpLoadBalancerHttpsOnly: PolicyRule = {
  name: "gcp-load-balancer-https-only",
  description:
    "GCP load balancers: SSL policies must have minTlsVersion TLS_1_2 or TLS_1_3 (the default is TLS_1_0); every target HTTPS proxy must name an SSL policy (without one Google's default, TLS 1.0, applies); a target HTTP proxy is allowed only in front of a URL map of this stack that redirects everything to HTTPS. Why: public endpoints must refuse old TLS and never serve the app over plain HTTP.",
  clouds: ["gcp"],
  scope: "stack",
  types: [
    "gcp:compute/sSLPolicy:SSLPolicy",
    "gcp:compute/regionSslPolicy:RegionSslPolicy",
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy",
    "gcp:compute/targetHttpProxy:TargetHttpProxy",
    "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy",
  ],
  check(r, ctx) {
    if (r.type.endsWith("SSLPolicy") || r.type.endsWith("RegionSslPolicy")) {
      const v = r.inputs.minTlsVersion;
      if (opacity(v)) return cannotCheck("minTlsVersion", v, ctx);
      return GCP_TLS12.has(str(v) ?? "")
        ? []
        : [`SSL policy minTlsVersion is ${str(v) ?? "unset (TLS_1_0)"}; use TLS_1_2`];
    }
    if (r.type.endsWith("HttpsProxy")) {
      const p = r.inputs.sslPolicy;
      return p === undefined || p === null || p === ""
        ? [
            "HTTPS proxy has no sslPolicy, so Google's default (TLS 1.0) applies; attach an SSL policy with minTlsVersion TLS_1_2",
          ]
        : [];
    }
    const urlMap = r.inputs.urlMap;
    if (!isKnown(urlMap)) return [];
    const urlMapName = str(urlMap) ?? "";
    const maps = ofType(ctx.resources, ...GCP_URL_MAPS).filter(
      (m) =>
        r.dependencies.includes(m.urn) ||
        (typeof m.inputs.name === "string" &&
          (urlMapName === m.inputs.name || urlMapName.endsWith(`/${m.inputs.name}`))),
    );
    if (maps.length === 0)
      return [
        "plain HTTP proxy points at a URL map that is not in this stack, so nothing shows it only redirects to HTTPS",
      ];
    return maps.every(onlyRedirectsToHttps)
      ? []
      : [
          "plain HTTP proxy serves a URL map that routes to backends; over HTTP the URL map may only redirect (defaultUrlRedirect.httpsRedirect: true)",
        ];
  },
};

const TLS12_VERSIONS = new Set(["1.2", "1.3"]);

export const azureAppServiceHttpsOnly: PolicyRule = {
  name: "azure-app-service-https-only",
  description:
    'Azure web and function apps (WebApp, WebAppSlot) must set httpsOnly: true and siteConfig.ftpsState: "Disabled", and must not lower siteConfig.minTlsVersion or scmMinTlsVersion below 1.2. Why: httpsOnly defaults to false (the app answers plain HTTP), ftpsState defaults to AllAllowed (deployment credentials over clear FTP).',
  clouds: ["azure"],
  scope: "resource",
  types: ["azure-native:web:WebApp", "azure-native:web:WebAppSlot"],
  check(r, ctx) {
    const out: string[] = [];
    if (opacity(r.inputs.httpsOnly)) out.push(...cannotCheck("httpsOnly", r.inputs.httpsOnly, ctx));
    else if (r.inputs.httpsOnly !== true) out.push("httpsOnly is not true: the app also answers plain HTTP");
    // A secret siteConfig (one secret app setting makes all of it secret) hides these settings: say so once.
    if (opacity(r.inputs.siteConfig)) return [...out, ...cannotCheck("siteConfig", r.inputs.siteConfig, ctx)];
    const ftps = get(r.inputs, "siteConfig.ftpsState");
    if (opacity(ftps)) out.push(...cannotCheck("siteConfig.ftpsState", ftps, ctx));
    else if (ftps !== "Disabled")
      out.push(`siteConfig.ftpsState is ${str(ftps) ?? "unset (AllAllowed)"}; set "Disabled"`);
    for (const key of ["minTlsVersion", "scmMinTlsVersion"]) {
      const v = get(r.inputs, `siteConfig.${key}`);
      if (opacity(v)) out.push(...cannotCheck(`siteConfig.${key}`, v, ctx));
      else if (typeof v === "string" && !TLS12_VERSIONS.has(v))
        out.push(`siteConfig.${key} is ${v}; TLS 1.2 is the minimum`);
    }
    return out;
  },
};

export const azureStorageHttpsTls12: PolicyRule = {
  name: "azure-storage-https-tls12",
  description:
    "Azure storage accounts must keep enableHttpsTrafficOnly (not false) and set minimumTlsVersion to TLS1_2 or TLS1_3. Why: older API versions default the minimum to TLS1_0, and HTTP access sends keys and data in clear text.",
  clouds: ["azure"],
  scope: "resource",
  types: ["azure-native:storage:StorageAccount"],
  check(r, ctx) {
    const out: string[] = [];
    out.push(...cannotCheck("enableHttpsTrafficOnly", r.inputs.enableHttpsTrafficOnly, ctx));
    if (r.inputs.enableHttpsTrafficOnly === false)
      out.push("enableHttpsTrafficOnly is false: the account accepts plain HTTP");
    const tls = r.inputs.minimumTlsVersion;
    if (opacity(tls)) out.push(...cannotCheck("minimumTlsVersion", tls, ctx));
    else if (tls !== "TLS1_2" && tls !== "TLS1_3") out.push(`minimumTlsVersion is ${str(tls) ?? "unset"}; set TLS1_2`);
    return out;
  },
};

export const azureEndpointsHttpsOnly: PolicyRule = {
  name: "azure-endpoints-https-only",
  description:
    'Azure public endpoints: Front Door routes that accept HTTP must redirect it to HTTPS (httpsRedirect: "Enabled") and must not reach origins over plain HTTP (forwardingProtocol "HttpOnly"); Front Door custom domains keep TLS 1.2+; Container Apps ingress must not set allowInsecure; API Management APIs accept only https. Why: every public endpoint is HTTPS-only with TLS 1.2+.',
  clouds: ["azure"],
  scope: "resource",
  types: [
    "azure-native:cdn:Route",
    "azure-native:cdn:AFDCustomDomain",
    "azure-native:app:ContainerApp",
    "azure-native:apimanagement:Api",
  ],
  check(r, ctx) {
    const out: string[] = [];
    const settings: Record<string, string[]> = {
      "azure-native:cdn:Route": ["supportedProtocols", "httpsRedirect", "forwardingProtocol"],
      "azure-native:cdn:AFDCustomDomain": ["tlsSettings", "tlsSettings.minimumTlsVersion"],
      "azure-native:app:ContainerApp": [
        "configuration",
        "configuration.ingress",
        "configuration.ingress.allowInsecure",
      ],
      "azure-native:apimanagement:Api": ["protocols"],
    };
    const hidden = (settings[r.type] ?? []).find((f) => opacity(get(r.inputs, f)));
    if (hidden) return cannotCheck(hidden, get(r.inputs, hidden), ctx);
    if (r.type === "azure-native:apimanagement:Api" && anyOpaque(list(r.inputs.protocols)))
      return cannotCheck("protocols[]", anyOpaque(list(r.inputs.protocols)), ctx);
    switch (r.type) {
      case "azure-native:cdn:Route": {
        const protocols = r.inputs.supportedProtocols;
        const acceptsHttp = protocols === undefined || list(protocols).some((p) => str(p)?.toLowerCase() === "http");
        if (isKnown(protocols) && acceptsHttp && r.inputs.httpsRedirect !== "Enabled")
          out.push('route accepts HTTP without redirecting it to HTTPS (httpsRedirect: "Enabled")');
        if (r.inputs.forwardingProtocol === "HttpOnly")
          out.push('route forwards to origins over plain HTTP (forwardingProtocol "HttpOnly"); use "HttpsOnly"');
        break;
      }
      case "azure-native:cdn:AFDCustomDomain": {
        const v = get(r.inputs, "tlsSettings.minimumTlsVersion");
        if (typeof v === "string" && !v.startsWith("TLS12") && !v.startsWith("TLS13"))
          out.push(`custom domain minimumTlsVersion is ${v}; TLS 1.2 is the minimum`);
        break;
      }
      case "azure-native:app:ContainerApp":
        if (get(r.inputs, "configuration.ingress.allowInsecure") === true)
          out.push("ingress.allowInsecure is true: the app answers plain HTTP");
        break;
      case "azure-native:apimanagement:Api": {
        const protocols = list(r.inputs.protocols).map((p) => str(p)?.toLowerCase());
        if (protocols.some((p) => p === "http" || p === "ws"))
          out.push(`API accepts ${protocols.join(", ")}; allow only https (and wss)`);
        break;
      }
    }
    return out;
  },
};

export const cloudflareZoneHttpsTls12: PolicyRule = {
  name: "cloudflare-zone-https-tls12",
  description:
    'Cloudflare zone settings managed by the stack must not weaken transport security: min_tls_version at least 1.2, always_use_https not "off", ssl not "off" or "flexible" (flexible reaches the origin over plain HTTP). Why: the edge is the public endpoint of every Worker and proxied record in the zone.',
  clouds: ["cloudflare"],
  scope: "resource",
  types: ["cloudflare:index/zoneSetting:ZoneSetting"],
  check(r, ctx) {
    const id = str(r.inputs.settingId);
    const value = r.inputs.value;
    if (["min_tls_version", "always_use_https", "ssl"].includes(id ?? "") && opacity(value))
      return cannotCheck(`value of ${id}`, value, ctx);
    if (id === "min_tls_version" && typeof value === "string" && (value === "1.0" || value === "1.1"))
      return [`min_tls_version is ${value}; TLS 1.2 is the minimum`];
    if (id === "always_use_https" && value === "off") return ["always_use_https is off: the zone serves plain HTTP"];
    if (id === "ssl" && (value === "off" || value === "flexible"))
      return [`ssl mode is ${value}: traffic to the origin is not encrypted`];
    return [];
  },
};
