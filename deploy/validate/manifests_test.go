// Package validate renders the Helm chart (deploy/helm/unideploy) with Helm's own engine and decodes every object
// strictly into the Kubernetes API types: a misspelt or misplaced field fails here, offline, not at kubectl apply.
// It also checks that the plain manifests (deploy/kubernetes/unideploy.yaml) are the chart rendered with
// deploy/kubernetes/values.yaml; `go test ./... -update` rewrites them.
package validate

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/yaml"
)

var update = flag.Bool("update", false, "rewrite deploy/kubernetes/unideploy.yaml from the chart")

const (
	chartDir = "../helm/unideploy"
	plainDir = "../kubernetes"
)

// objects is one rendering, decoded.
type objects struct {
	deployments []appsv1.Deployment
	services    []corev1.Service
	configMaps  []corev1.ConfigMap
	secrets     []corev1.Secret
	hpas        []autoscalingv2.HorizontalPodAutoscaler
	pdbs        []policyv1.PodDisruptionBudget
}

func load(t *testing.T) *chart.Chart {
	t.Helper()
	c, err := loader.Load(chartDir)
	if err != nil {
		t.Fatalf("loading the chart: %v", err)
	}
	return c
}

// render is `helm template <release> deploy/helm/unideploy -f <values>`: every template, in file order, as YAML.
func render(t *testing.T, c *chart.Chart, release string, values map[string]interface{}) string {
	t.Helper()
	full, err := chartutil.ToRenderValues(c, values, chartutil.ReleaseOptions{
		Name: release, Namespace: "default", IsInstall: true, Revision: 1,
	}, chartutil.DefaultCapabilities)
	if err != nil {
		t.Fatalf("values: %v", err)
	}
	rendered, err := engine.Render(c, full)
	if err != nil {
		t.Fatalf("rendering: %v", err)
	}
	names := make([]string, 0, len(rendered))
	for name := range rendered {
		if strings.HasSuffix(name, ".yaml") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out strings.Builder
	for _, name := range names {
		body := strings.TrimSpace(rendered[name])
		if body == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", strings.TrimPrefix(name, c.Name()+"/"), body)
	}
	return out.String()
}

// decode splits a multi-document YAML stream and decodes each object strictly by its kind.
func decode(t *testing.T, manifest string) objects {
	t.Helper()
	var found objects
	for _, doc := range strings.Split(manifest, "\n---") {
		doc = strings.TrimPrefix(strings.TrimSpace(doc), "---")
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := yaml.Unmarshal([]byte(doc), &head); err != nil {
			t.Fatalf("not YAML: %v\n%s", err, doc)
		}
		if head.Kind == "" {
			continue // only comments
		}
		strict := func(into interface{}) {
			if err := yaml.UnmarshalStrict([]byte(doc), into); err != nil {
				t.Fatalf("%s %s does not decode strictly: %v\n%s", head.APIVersion, head.Kind, err, doc)
			}
		}
		switch head.APIVersion + " " + head.Kind {
		case "apps/v1 Deployment":
			var o appsv1.Deployment
			strict(&o)
			found.deployments = append(found.deployments, o)
		case "v1 Service":
			var o corev1.Service
			strict(&o)
			found.services = append(found.services, o)
		case "v1 ConfigMap":
			var o corev1.ConfigMap
			strict(&o)
			found.configMaps = append(found.configMaps, o)
		case "v1 Secret":
			var o corev1.Secret
			strict(&o)
			found.secrets = append(found.secrets, o)
		case "autoscaling/v2 HorizontalPodAutoscaler":
			var o autoscalingv2.HorizontalPodAutoscaler
			strict(&o)
			found.hpas = append(found.hpas, o)
		case "policy/v1 PodDisruptionBudget":
			var o policyv1.PodDisruptionBudget
			strict(&o)
			found.pdbs = append(found.pdbs, o)
		default:
			t.Fatalf("unexpected object %s %s", head.APIVersion, head.Kind)
		}
	}
	return found
}

func valuesFile(t *testing.T, path string) map[string]interface{} {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(raw, &values); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return values
}

func TestPlainManifestsAreTheChartRendered(t *testing.T) {
	c := load(t)
	rendered := "# Generated from deploy/helm/unideploy with deploy/kubernetes/values.yaml by deploy/validate" +
		" (go test ./... -update); do not edit.\n" +
		render(t, c, "unideploy", valuesFile(t, filepath.Join(plainDir, "values.yaml")))
	target := filepath.Join(plainDir, "unideploy.yaml")
	if *update {
		if err := os.WriteFile(target, []byte(rendered), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile(target)
	if err != nil {
		t.Fatalf("%v (generate it with: cd deploy/validate && go test ./... -update)", err)
	}
	if !bytes.Equal(committed, []byte(rendered)) {
		t.Fatalf("%s is not the chart rendered with %s/values.yaml: regenerate it with"+
			" cd deploy/validate && go test ./... -update", target, plainDir)
	}
	decode(t, string(committed))
}
