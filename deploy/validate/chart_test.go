package validate

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// example is what a user of several instances sets: two connections, a client, Redis, a limit.
func example() map[string]interface{} {
	values := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(`
providers:
  coolify-prod:
    type: coolify
    baseUrl: https://coolify.example.com/api/v1
    token: coolify-secret-token
  mist:
    type: mist
    baseUrl: https://mist.example.com/api
    email: ci@example.com
    password: mist-secret-password
clients:
  ci:
    keySha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    scopes: [deployments:read, deployments:write]
    providers: [coolify-prod]
    rateLimit: 120
redis:
  url: redis://:redis-secret@redis.internal:6379/0
rateLimit:
  requests: 600
extraConfig:
  resilience:
    read-timeout: 5s
`), &values); err != nil {
		panic(err)
	}
	return values
}

func gateway(t *testing.T, found objects) appsv1.Deployment {
	t.Helper()
	if len(found.deployments) != 1 {
		t.Fatalf("want one Deployment, got %d", len(found.deployments))
	}
	return found.deployments[0]
}

func TestDefaultValuesRenderAGatewayWithProbesAndLimits(t *testing.T) {
	found := decode(t, render(t, load(t), "release", map[string]interface{}{}))
	d := gateway(t, found)
	pod := d.Spec.Template.Spec
	c := pod.Containers[0]

	if c.LivenessProbe == nil || c.LivenessProbe.HTTPGet.Path != "/actuator/health/liveness" {
		t.Errorf("liveness probe: %+v", c.LivenessProbe)
	}
	if c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet.Path != "/actuator/health/readiness" {
		t.Errorf("readiness probe: %+v", c.ReadinessProbe)
	}
	if c.StartupProbe == nil {
		t.Error("no startup probe")
	}
	if pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot ||
		*pod.SecurityContext.RunAsUser != 65532 {
		t.Errorf("pod security context: %+v", pod.SecurityContext)
	}
	if !*c.SecurityContext.ReadOnlyRootFilesystem || *c.SecurityContext.AllowPrivilegeEscalation {
		t.Errorf("container security context: %+v", c.SecurityContext)
	}
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Limits.Memory().IsZero() {
		t.Errorf("resources: %+v", c.Resources)
	}
	if pod.TerminationGracePeriodSeconds == nil || *pod.TerminationGracePeriodSeconds <= 20 {
		t.Errorf("termination grace period must outlast the 20 s shutdown: %v", pod.TerminationGracePeriodSeconds)
	}
	if c.Lifecycle == nil || c.Lifecycle.PreStop == nil {
		t.Error("no preStop pause before shutdown")
	}
	if d.Spec.Replicas != nil {
		t.Error("replicas must be left to the HPA")
	}
	config := found.configMaps[0].Data["application.yaml"]
	for _, want := range []string{"shutdown: graceful", "timeout-per-shutdown-phase: 20s", "enabled: true", "store: memory"} {
		if !strings.Contains(config, want) {
			t.Errorf("application.yaml lacks %q:\n%s", want, config)
		}
	}

	// the Service, the HPA and the PDB all find the gateway's pods
	labels := d.Spec.Template.Labels
	for key, value := range found.services[0].Spec.Selector {
		if labels[key] != value {
			t.Errorf("the Service selects %s=%s, the pods have %q", key, value, labels[key])
		}
	}
	if found.services[0].Spec.Ports[0].TargetPort.StrVal != "http" || c.Ports[0].Name != "http" {
		t.Error("the Service must target the container's http port")
	}
	hpa := found.hpas[0]
	if hpa.Spec.ScaleTargetRef.Kind != "Deployment" || hpa.Spec.ScaleTargetRef.Name != d.Name || hpa.Spec.MinReplicas == nil ||
		*hpa.Spec.MinReplicas < 2 {
		t.Errorf("HPA: %+v", hpa.Spec)
	}
	for key, value := range found.pdbs[0].Spec.Selector.MatchLabels {
		if labels[key] != value {
			t.Errorf("the PDB selects %s=%s, the pods have %q", key, value, labels[key])
		}
	}
}

func TestProvidersClientsAndRedisGoToConfigurationAndSecretsApart(t *testing.T) {
	found := decode(t, render(t, load(t), "prod", example()))
	config := found.configMaps[0].Data["application.yaml"]
	var parsed struct {
		Unideploy struct {
			Store     string `json:"store"`
			Providers map[string]map[string]string
			Clients   map[string]struct {
				Scopes    []string `json:"scopes"`
				Providers []string `json:"providers"`
				RateLimit int      `json:"rate-limit"`
			}
			RateLimit  map[string]interface{} `json:"rate-limit"`
			Resilience map[string]string      `json:"resilience"`
		}
	}
	if err := yaml.Unmarshal([]byte(config), &parsed); err != nil {
		t.Fatalf("application.yaml: %v\n%s", err, config)
	}
	u := parsed.Unideploy
	if u.Store != "redis" || u.Providers["coolify-prod"]["type"] != "coolify" ||
		u.Providers["coolify-prod"]["base-url"] != "https://coolify.example.com/api/v1" ||
		u.Providers["mist"]["email"] != "ci@example.com" || u.Clients["ci"].RateLimit != 120 ||
		len(u.Clients["ci"].Scopes) != 2 || u.Clients["ci"].Providers[0] != "coolify-prod" ||
		u.Resilience["read-timeout"] != "5s" || u.RateLimit["requests"] != float64(600) {
		t.Errorf("application.yaml does not carry the values:\n%s", config)
	}
	for _, secret := range []string{"coolify-secret-token", "mist-secret-password", "redis-secret", "9f86d081"} {
		if strings.Contains(config, secret) {
			t.Errorf("the ConfigMap holds a secret (%s):\n%s", secret, config)
		}
	}
	data := found.secrets[0].StringData
	want := map[string]string{
		"unideploy.providers.coolify-prod.token": "coolify-secret-token",
		"unideploy.providers.mist.password":      "mist-secret-password",
		"unideploy.clients.ci.key-sha256":        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"unideploy.redis.url":                    "redis://:redis-secret@redis.internal:6379/0",
	}
	for key, value := range want {
		if data[key] != value {
			t.Errorf("secret %s = %q, want %q", key, data[key], value)
		}
	}
	env := map[string]string{}
	for _, e := range gateway(t, found).Spec.Template.Spec.Containers[0].Env {
		env[e.Name] = e.Value
	}
	if env["SPRING_CONFIG_IMPORT"] != "optional:configtree:/secrets/" ||
		env["SPRING_CONFIG_ADDITIONAL_LOCATION"] != "optional:file:/config/" {
		t.Errorf("the pod does not read the mounted configuration: %v", env)
	}
}

func TestBundledRedisForTrials(t *testing.T) {
	found := decode(t, render(t, load(t), "trial", map[string]interface{}{
		"redis":       map[string]interface{}{"bundled": map[string]interface{}{"enabled": true}},
		"autoscaling": map[string]interface{}{"enabled": false},
	}))
	if len(found.deployments) != 2 || len(found.services) != 2 || len(found.hpas) != 0 {
		t.Fatalf("want gateway and redis Deployments and Services, no HPA: %d, %d, %d",
			len(found.deployments), len(found.services), len(found.hpas))
	}
	if found.secrets[0].StringData["unideploy.redis.url"] != "redis://trial-unideploy-redis:6379" {
		t.Errorf("the gateway must point at the bundled Redis: %v", found.secrets[0].StringData)
	}
	var gw appsv1.Deployment
	for _, d := range found.deployments {
		if d.Name == "trial-unideploy" {
			gw = d
		}
	}
	if gw.Spec.Replicas == nil || *gw.Spec.Replicas != 2 {
		t.Errorf("without autoscaling the Deployment has replicaCount replicas: %v", gw.Spec.Replicas)
	}
	if !strings.Contains(found.configMaps[0].Data["application.yaml"], "store: redis") {
		t.Error("the bundled Redis must switch the store to redis")
	}
	var redisService corev1.Service
	for _, s := range found.services {
		if s.Name == "trial-unideploy-redis" {
			redisService = s
		}
	}
	if redisService.Spec.Ports[0].Port != 6379 {
		t.Errorf("redis service: %+v", redisService.Spec)
	}
}

func TestExistingSecretIsUsedAndNoneRendered(t *testing.T) {
	values := example()
	values["existingSecret"] = "unideploy-managed"
	found := decode(t, render(t, load(t), "prod", values))
	if len(found.secrets) != 0 {
		t.Fatal("with existingSecret no Secret is rendered")
	}
	for _, v := range gateway(t, found).Spec.Template.Spec.Volumes {
		if v.Name == "secrets" && v.Secret.SecretName != "unideploy-managed" {
			t.Errorf("mounts %s", v.Secret.SecretName)
		}
	}
}
