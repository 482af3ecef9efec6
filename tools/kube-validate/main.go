// kube-validate reads Kubernetes manifests (multi-document YAML, e.g. `helm template` output) on
// stdin and validates every object offline against the k8s.io/api types of the release pinned in
// go.mod (tools/pins.json):
//
//  1. strict decoding into the Go type of its apiVersion/kind: an unknown apiVersion/kind, an
//     unknown or misspelt field, a duplicate key or a wrong value type is an error;
//  2. the required fields and formats the API server would reject (names, labels, selectors,
//     containers, ports, probes, env, volumes, Service/Ingress backends, Job restart policy ...);
//  3. references inside the rendered set: every Service selects some Pod template and its named
//     target ports exist there; ConfigMaps, Secrets, ServiceAccounts and Ingress backends that
//     are referenced are rendered too (unless marked optional, or named with -external).
//
// Exit status 0 and a summary line when everything is valid; otherwise one line per problem,
// `<Kind>/<name>: <field>: <problem>`, and exit status 1 (2 for bad usage or unreadable input).
//
//	helm template x deploy/helm/tracelab | kube-validate
//	helm template x deploy/helm/tracelab | kube-validate -external Secret/my-postgres
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// object is one decoded manifest with where it came from.
type object struct {
	doc  int
	gvk  schema.GroupVersionKind
	name string
	obj  runtime.Object
}

func (o object) String() string { return o.gvk.Kind + "/" + o.name }

type problems struct{ lines []string }

func (p *problems) add(o object, format string, args ...any) {
	p.lines = append(p.lines, fmt.Sprintf("%s (document %d): %s", o, o.doc, fmt.Sprintf(format, args...)))
}

func (p *problems) fields(o object, errs field.ErrorList) {
	for _, err := range errs {
		p.add(o, "%s", err.Error())
	}
}

type externals []string

func (e *externals) String() string     { return strings.Join(*e, ",") }
func (e *externals) Set(v string) error { *e = append(*e, v); return nil }

func newScheme() *runtime.Scheme {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme, networkingv1.AddToScheme,
		policyv1.AddToScheme, rbacv1.AddToScheme, autoscalingv2.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	return scheme
}

func main() {
	var external externals
	flag.Var(&external, "external", "Kind/name of an object that exists outside the input (repeatable); references to it are not errors")
	quiet := flag.Bool("q", false, "print nothing when valid")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: kube-validate [-external Kind/name]... [-q] < manifests.yaml")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}

	scheme := newScheme()
	strict := kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, scheme, scheme, kjson.SerializerOptions{Yaml: false, Strict: true})

	var objects []object
	var bad problems
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	for doc := 1; ; doc++ {
		raw, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "kube-validate: reading document %d: %v\n", doc, err)
			os.Exit(2)
		}
		if isBlank(raw) {
			doc--
			continue
		}
		o, err := decode(strict, raw, doc)
		if err != nil {
			bad.lines = append(bad.lines, err.Error())
			continue
		}
		objects = append(objects, o)
	}

	check(objects, external, &bad)

	if len(bad.lines) > 0 {
		for _, line := range bad.lines {
			fmt.Println("kube-validate: " + line)
		}
		fmt.Printf("kube-validate: %d problem(s) in %d object(s) read\n", len(bad.lines), len(objects))
		os.Exit(1)
	}
	if len(objects) == 0 {
		fmt.Println("kube-validate: no objects on stdin")
		os.Exit(1)
	}
	if !*quiet {
		fmt.Printf("kube-validate: %d objects valid (%s)\n", len(objects), summary(objects))
	}
}

func isBlank(raw []byte) bool {
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") && line != "---" {
			return false
		}
	}
	return true
}

// decode converts one YAML document to JSON (rejecting duplicate keys) and decodes it strictly
// into the registered Go type of its apiVersion/kind.
func decode(strict runtime.Decoder, raw []byte, doc int) (object, error) {
	js, err := yaml.YAMLToJSONStrict(raw)
	if err != nil {
		return object{}, fmt.Errorf("document %d: not valid YAML: %v", doc, err)
	}
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := yaml.Unmarshal(js, &head); err != nil {
		return object{}, fmt.Errorf("document %d: not an object: %v", doc, err)
	}
	label := fmt.Sprintf("%s/%s (document %d)", head.Kind, head.Metadata.Name, doc)
	if head.APIVersion == "" || head.Kind == "" {
		return object{}, fmt.Errorf("%s: apiVersion and kind are required", label)
	}
	obj, gvk, err := strict.Decode(js, nil, nil)
	if err != nil {
		if runtime.IsNotRegisteredError(err) {
			return object{}, fmt.Errorf("%s: unknown apiVersion/kind %s %s", label, head.APIVersion, head.Kind)
		}
		return object{}, fmt.Errorf("%s: %v", label, err)
	}
	return object{doc: doc, gvk: *gvk, name: head.Metadata.Name, obj: obj}, nil
}

func summary(objects []object) string {
	counts := map[string]int{}
	for _, o := range objects {
		counts[o.gvk.Kind]++
	}
	kinds := make([]string, 0, len(counts))
	for kind := range counts {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, kind := range kinds {
		parts[i] = fmt.Sprintf("%s %d", kind, counts[kind])
	}
	return strings.Join(parts, ", ")
}

// podTemplate is a workload's Pod template, for the cross-object checks.
type podTemplate struct {
	owner object
	meta  metav1.ObjectMeta
	spec  *corev1.PodSpec
}

func check(objects []object, external externals, bad *problems) {
	rendered := map[string]bool{}
	for _, name := range external {
		rendered[name] = true
	}
	seen := map[string]object{}
	for _, o := range objects {
		key := o.gvk.GroupKind().String() + "/" + o.name
		if first, dup := seen[key]; dup {
			bad.add(o, "rendered twice (first as document %d)", first.doc)
		}
		seen[key] = o
		rendered[o.gvk.Kind+"/"+o.name] = true
	}

	var templates []podTemplate
	var services []object
	var ingresses []object
	for _, o := range objects {
		accessor, ok := o.obj.(metav1.Object)
		if !ok {
			bad.add(o, "has no metadata")
			continue
		}
		meta := metav1.ObjectMeta{Name: accessor.GetName(), Namespace: accessor.GetNamespace(), Labels: accessor.GetLabels(), Annotations: accessor.GetAnnotations()}
		nameFn := apivalidation.NameIsDNSSubdomain
		if o.gvk.Kind == "Service" {
			nameFn = apivalidation.NameIsDNS1035Label
		}
		bad.fields(o, apivalidation.ValidateObjectMeta(&meta, false, nameFn, field.NewPath("metadata")))

		switch obj := o.obj.(type) {
		case *appsv1.Deployment:
			checkSelector(o, obj.Spec.Selector, obj.Spec.Template.Labels, field.NewPath("spec"), bad)
			checkPodSpec(o, &obj.Spec.Template.Spec, field.NewPath("spec", "template", "spec"), false, bad)
			templates = append(templates, podTemplate{o, obj.Spec.Template.ObjectMeta, &obj.Spec.Template.Spec})
		case *appsv1.StatefulSet:
			checkSelector(o, obj.Spec.Selector, obj.Spec.Template.Labels, field.NewPath("spec"), bad)
			var claims []string
			for _, claim := range obj.Spec.VolumeClaimTemplates {
				claims = append(claims, claim.Name)
			}
			checkPodSpec(o, &obj.Spec.Template.Spec, field.NewPath("spec", "template", "spec"), false, bad, claims...)
			if obj.Spec.ServiceName != "" && !rendered["Service/"+obj.Spec.ServiceName] {
				bad.add(o, "spec.serviceName: Service %q is not rendered", obj.Spec.ServiceName)
			}
			for i, claim := range obj.Spec.VolumeClaimTemplates {
				path := field.NewPath("spec", "volumeClaimTemplates").Index(i)
				if claim.Name == "" {
					bad.add(o, "%s.metadata.name: Required value", path)
				}
				if len(claim.Spec.AccessModes) == 0 {
					bad.add(o, "%s.spec.accessModes: Required value", path)
				}
				if _, ok := claim.Spec.Resources.Requests[corev1.ResourceStorage]; !ok {
					bad.add(o, "%s.spec.resources.requests.storage: Required value", path)
				}
			}
			templates = append(templates, podTemplate{o, obj.Spec.Template.ObjectMeta, &obj.Spec.Template.Spec})
		case *appsv1.DaemonSet:
			checkSelector(o, obj.Spec.Selector, obj.Spec.Template.Labels, field.NewPath("spec"), bad)
			checkPodSpec(o, &obj.Spec.Template.Spec, field.NewPath("spec", "template", "spec"), false, bad)
			templates = append(templates, podTemplate{o, obj.Spec.Template.ObjectMeta, &obj.Spec.Template.Spec})
		case *batchv1.Job:
			checkPodSpec(o, &obj.Spec.Template.Spec, field.NewPath("spec", "template", "spec"), true, bad)
			templates = append(templates, podTemplate{o, obj.Spec.Template.ObjectMeta, &obj.Spec.Template.Spec})
		case *corev1.Pod:
			checkPodSpec(o, &obj.Spec, field.NewPath("spec"), false, bad)
			templates = append(templates, podTemplate{o, obj.ObjectMeta, &obj.Spec})
		case *corev1.Service:
			checkService(o, obj, bad)
			services = append(services, o)
		case *corev1.ConfigMap:
			for key := range obj.Data {
				for _, msg := range validation.IsConfigMapKey(key) {
					bad.add(o, "data[%s]: %s", key, msg)
				}
			}
		case *corev1.Secret:
			for key := range obj.Data {
				for _, msg := range validation.IsConfigMapKey(key) {
					bad.add(o, "data[%s]: %s", key, msg)
				}
			}
			for key := range obj.StringData {
				for _, msg := range validation.IsConfigMapKey(key) {
					bad.add(o, "stringData[%s]: %s", key, msg)
				}
			}
		case *networkingv1.Ingress:
			checkIngress(o, obj, bad)
			ingresses = append(ingresses, o)
		case *policyv1.PodDisruptionBudget:
			if obj.Spec.Selector == nil {
				bad.add(o, "spec.selector: Required value")
			}
		case *rbacv1.RoleBinding:
			if obj.RoleRef.Name == "" || obj.RoleRef.Kind == "" {
				bad.add(o, "roleRef: kind and name are required")
			} else if obj.RoleRef.Kind == "Role" && !rendered["Role/"+obj.RoleRef.Name] {
				bad.add(o, "roleRef: Role %q is not rendered", obj.RoleRef.Name)
			}
		}
	}

	for _, t := range templates {
		checkReferences(t, rendered, bad)
	}
	for _, s := range services {
		checkServiceTargets(s, templates, bad)
	}
	for _, i := range ingresses {
		checkIngressBackends(i, objects, bad)
	}
}

func checkSelector(o object, selector *metav1.LabelSelector, templateLabels map[string]string, path *field.Path, bad *problems) {
	if selector == nil || (len(selector.MatchLabels) == 0 && len(selector.MatchExpressions) == 0) {
		bad.add(o, "%s: Required value", path.Child("selector"))
		return
	}
	bad.fields(o, metav1validation.ValidateLabelSelector(selector, metav1validation.LabelSelectorValidationOptions{}, path.Child("selector")))
	s, err := metav1.LabelSelectorAsSelector(selector)
	if err != nil {
		bad.add(o, "%s: %v", path.Child("selector"), err)
		return
	}
	if !s.Matches(labels.Set(templateLabels)) {
		bad.add(o, "%s: selector does not match the template labels %v", path.Child("template", "metadata", "labels"), templateLabels)
	}
}

// claims are the StatefulSet's volumeClaimTemplates: volumes the containers may mount too.
func checkPodSpec(o object, spec *corev1.PodSpec, path *field.Path, job bool, bad *problems, claims ...string) {
	if len(spec.Containers) == 0 {
		bad.add(o, "%s: Required value: at least one container", path.Child("containers"))
	}
	switch {
	case job && spec.RestartPolicy != corev1.RestartPolicyNever && spec.RestartPolicy != corev1.RestartPolicyOnFailure:
		bad.add(o, "%s: Unsupported value %q: a Job needs Never or OnFailure", path.Child("restartPolicy"), spec.RestartPolicy)
	case !job && spec.RestartPolicy != "" && spec.RestartPolicy != corev1.RestartPolicyAlways && o.gvk.Kind != "Pod":
		bad.add(o, "%s: Unsupported value %q: only Always for a %s", path.Child("restartPolicy"), spec.RestartPolicy, o.gvk.Kind)
	}
	volumes := map[string]bool{}
	for _, claim := range claims {
		volumes[claim] = true
	}
	for i, v := range spec.Volumes {
		vp := path.Child("volumes").Index(i)
		for _, msg := range validation.IsDNS1123Label(v.Name) {
			bad.add(o, "%s.name: %q: %s", vp, v.Name, msg)
		}
		if volumes[v.Name] {
			bad.add(o, "%s.name: Duplicate value %q", vp, v.Name)
		}
		volumes[v.Name] = true
		if sources := countVolumeSources(v.VolumeSource); sources != 1 {
			bad.add(o, "%s: exactly one volume source is required, found %d", vp, sources)
		}
	}
	names := map[string]bool{}
	all := []struct {
		list string
		cs   []corev1.Container
	}{{"initContainers", spec.InitContainers}, {"containers", spec.Containers}}
	for _, group := range all {
		for i := range group.cs {
			checkContainer(o, &group.cs[i], path.Child(group.list).Index(i), volumes, names, group.list == "initContainers", bad)
		}
	}
	if sc := spec.SecurityContext; sc != nil && sc.RunAsUser != nil {
		for _, msg := range validation.IsValidUserID(*sc.RunAsUser) {
			bad.add(o, "%s: %s", path.Child("securityContext", "runAsUser"), msg)
		}
	}
}

func countVolumeSources(v corev1.VolumeSource) int {
	js, _ := yaml.Marshal(v)
	var m map[string]any
	_ = yaml.Unmarshal(js, &m)
	return len(m)
}

func checkContainer(o object, c *corev1.Container, path *field.Path, volumes, names map[string]bool, init bool, bad *problems) {
	for _, msg := range validation.IsDNS1123Label(c.Name) {
		bad.add(o, "%s.name: %q: %s", path, c.Name, msg)
	}
	if names[c.Name] {
		bad.add(o, "%s.name: Duplicate value %q", path, c.Name)
	}
	names[c.Name] = true
	if strings.TrimSpace(c.Image) == "" {
		bad.add(o, "%s.image: Required value", path)
	} else if c.Image != strings.TrimSpace(c.Image) || strings.Contains(c.Image, " ") {
		bad.add(o, "%s.image: %q contains spaces", path, c.Image)
	} else if strings.HasSuffix(c.Image, ":") {
		bad.add(o, "%s.image: %q has an empty tag", path, c.Image)
	}
	switch c.ImagePullPolicy {
	case "", corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever:
	default:
		bad.add(o, "%s.imagePullPolicy: Unsupported value %q", path, c.ImagePullPolicy)
	}
	portNames := map[string]bool{}
	ports := map[int32]bool{}
	for i, p := range c.Ports {
		pp := path.Child("ports").Index(i)
		for _, msg := range validation.IsValidPortNum(int(p.ContainerPort)) {
			bad.add(o, "%s.containerPort: %d: %s", pp, p.ContainerPort, msg)
		}
		if ports[p.ContainerPort] {
			bad.add(o, "%s.containerPort: Duplicate value %d", pp, p.ContainerPort)
		}
		ports[p.ContainerPort] = true
		if p.Name != "" {
			for _, msg := range validation.IsValidPortName(p.Name) {
				bad.add(o, "%s.name: %q: %s", pp, p.Name, msg)
			}
			if portNames[p.Name] {
				bad.add(o, "%s.name: Duplicate value %q", pp, p.Name)
			}
			portNames[p.Name] = true
		}
		switch p.Protocol {
		case "", corev1.ProtocolTCP, corev1.ProtocolUDP, corev1.ProtocolSCTP:
		default:
			bad.add(o, "%s.protocol: Unsupported value %q", pp, p.Protocol)
		}
	}
	envNames := map[string]bool{}
	for i, e := range c.Env {
		ep := path.Child("env").Index(i)
		if e.Name == "" {
			bad.add(o, "%s.name: Required value", ep)
		}
		if envNames[e.Name] {
			bad.add(o, "%s.name: Duplicate value %q (the later one wins silently)", ep, e.Name)
		}
		envNames[e.Name] = true
		if e.ValueFrom != nil {
			if e.Value != "" {
				bad.add(o, "%s: value and valueFrom are mutually exclusive", ep)
			}
			sources := 0
			vf := e.ValueFrom
			for _, set := range []bool{vf.FieldRef != nil, vf.ResourceFieldRef != nil, vf.ConfigMapKeyRef != nil, vf.SecretKeyRef != nil, vf.FileKeyRef != nil} {
				if set {
					sources++
				}
			}
			if sources != 1 {
				bad.add(o, "%s.valueFrom: exactly one source is required, found %d", ep, sources)
			}
			if vf.FieldRef != nil && vf.FieldRef.FieldPath == "" {
				bad.add(o, "%s.valueFrom.fieldRef.fieldPath: Required value", ep)
			}
			if vf.SecretKeyRef != nil && (vf.SecretKeyRef.Name == "" || vf.SecretKeyRef.Key == "") {
				bad.add(o, "%s.valueFrom.secretKeyRef: name and key are required", ep)
			}
			if vf.ConfigMapKeyRef != nil && (vf.ConfigMapKeyRef.Name == "" || vf.ConfigMapKeyRef.Key == "") {
				bad.add(o, "%s.valueFrom.configMapKeyRef: name and key are required", ep)
			}
		}
		// $(VAR) may only name a variable defined earlier in the list (otherwise it stays literal).
		for _, ref := range dependentVars(e.Value) {
			if !envNames[ref] || ref == e.Name {
				bad.add(o, "%s.value: $(%s) names no variable defined before %s", ep, ref, e.Name)
			}
		}
	}
	mounts := map[string]bool{}
	for i, m := range c.VolumeMounts {
		mp := path.Child("volumeMounts").Index(i)
		if !volumes[m.Name] {
			bad.add(o, "%s.name: Not found: no volume %q in the Pod", mp, m.Name)
		}
		if !strings.HasPrefix(m.MountPath, "/") {
			bad.add(o, "%s.mountPath: %q must be an absolute path", mp, m.MountPath)
		}
		if mounts[m.MountPath] {
			bad.add(o, "%s.mountPath: Duplicate value %q", mp, m.MountPath)
		}
		mounts[m.MountPath] = true
	}
	for name, probe := range map[string]*corev1.Probe{"livenessProbe": c.LivenessProbe, "readinessProbe": c.ReadinessProbe, "startupProbe": c.StartupProbe} {
		if probe == nil {
			continue
		}
		pp := path.Child(name)
		if init {
			bad.add(o, "%s: init containers may not have probes", pp)
		}
		h := probe.ProbeHandler
		handlers := 0
		for _, set := range []bool{h.Exec != nil, h.HTTPGet != nil, h.TCPSocket != nil, h.GRPC != nil} {
			if set {
				handlers++
			}
		}
		if handlers != 1 {
			bad.add(o, "%s: exactly one handler is required, found %d", pp, handlers)
		}
		if h.HTTPGet != nil {
			checkPortRef(o, h.HTTPGet.Port, portNames, ports, pp.Child("httpGet", "port"), bad)
			if !strings.HasPrefix(h.HTTPGet.Path, "/") {
				bad.add(o, "%s: %q must start with /", pp.Child("httpGet", "path"), h.HTTPGet.Path)
			}
		}
		if h.TCPSocket != nil {
			checkPortRef(o, h.TCPSocket.Port, portNames, ports, pp.Child("tcpSocket", "port"), bad)
		}
		if name != "readinessProbe" && probe.SuccessThreshold > 1 {
			bad.add(o, "%s.successThreshold: must be 1", pp)
		}
	}
	for _, kind := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, hasReq := c.Resources.Requests[kind]
		limit, hasLimit := c.Resources.Limits[kind]
		if hasReq && hasLimit && req.Cmp(limit) > 0 {
			bad.add(o, "%s: request %s is above the limit %s", path.Child("resources", "requests").Key(string(kind)), req.String(), limit.String())
		}
	}
	if sc := c.SecurityContext; sc != nil {
		if sc.Privileged != nil && *sc.Privileged && sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation {
			bad.add(o, "%s: privileged and allowPrivilegeEscalation=false cannot be combined", path.Child("securityContext"))
		}
		if sc.RunAsUser != nil {
			for _, msg := range validation.IsValidUserID(*sc.RunAsUser) {
				bad.add(o, "%s: %s", path.Child("securityContext", "runAsUser"), msg)
			}
		}
	}
}

// dependentVars returns the names in $(NAME) references of an env value ($$ escapes).
func dependentVars(value string) []string {
	var out []string
	for i := 0; i < len(value); i++ {
		if value[i] != '$' || i+1 >= len(value) {
			continue
		}
		if value[i+1] == '$' {
			i++
			continue
		}
		if value[i+1] == '(' {
			if end := strings.IndexByte(value[i+2:], ')'); end >= 0 {
				out = append(out, value[i+2:i+2+end])
				i += end + 2
			}
		}
	}
	return out
}

func checkPortRef(o object, port intstr.IntOrString, names map[string]bool, numbers map[int32]bool, path *field.Path, bad *problems) {
	if port.Type == intstr.String {
		if !names[port.StrVal] {
			bad.add(o, "%s: the container has no port named %q", path, port.StrVal)
		}
		return
	}
	for _, msg := range validation.IsValidPortNum(int(port.IntVal)) {
		bad.add(o, "%s: %d: %s", path, port.IntVal, msg)
	}
}

func checkService(o object, s *corev1.Service, bad *problems) {
	path := field.NewPath("spec")
	if s.Spec.Type == corev1.ServiceTypeExternalName {
		if s.Spec.ExternalName == "" {
			bad.add(o, "spec.externalName: Required value")
		}
		return
	}
	switch s.Spec.Type {
	case "", corev1.ServiceTypeClusterIP, corev1.ServiceTypeNodePort, corev1.ServiceTypeLoadBalancer:
	default:
		bad.add(o, "spec.type: Unsupported value %q", s.Spec.Type)
	}
	if len(s.Spec.Ports) == 0 && s.Spec.ClusterIP != corev1.ClusterIPNone {
		bad.add(o, "spec.ports: Required value")
	}
	names := map[string]bool{}
	for i, p := range s.Spec.Ports {
		pp := path.Child("ports").Index(i)
		if len(s.Spec.Ports) > 1 && p.Name == "" {
			bad.add(o, "%s.name: Required value when there is more than one port", pp)
		}
		if p.Name != "" {
			for _, msg := range validation.IsDNS1123Label(p.Name) {
				bad.add(o, "%s.name: %q: %s", pp, p.Name, msg)
			}
			if names[p.Name] {
				bad.add(o, "%s.name: Duplicate value %q", pp, p.Name)
			}
			names[p.Name] = true
		}
		for _, msg := range validation.IsValidPortNum(int(p.Port)) {
			bad.add(o, "%s.port: %d: %s", pp, p.Port, msg)
		}
		if p.NodePort != 0 && s.Spec.Type != corev1.ServiceTypeNodePort && s.Spec.Type != corev1.ServiceTypeLoadBalancer {
			bad.add(o, "%s.nodePort: only for NodePort or LoadBalancer Services", pp)
		}
		if p.TargetPort.Type == intstr.String {
			for _, msg := range validation.IsValidPortName(p.TargetPort.StrVal) {
				bad.add(o, "%s.targetPort: %q: %s", pp, p.TargetPort.StrVal, msg)
			}
		} else if p.TargetPort.IntVal != 0 {
			for _, msg := range validation.IsValidPortNum(int(p.TargetPort.IntVal)) {
				bad.add(o, "%s.targetPort: %d: %s", pp, p.TargetPort.IntVal, msg)
			}
		}
	}
	bad.fields(o, metav1validation.ValidateLabels(s.Spec.Selector, path.Child("selector")))
}

// checkServiceTargets: a Service with a selector must select at least one rendered Pod template,
// and every named targetPort must be a container port of each selected template.
func checkServiceTargets(o object, templates []podTemplate, bad *problems) {
	s := o.obj.(*corev1.Service)
	if len(s.Spec.Selector) == 0 || s.Spec.Type == corev1.ServiceTypeExternalName {
		return
	}
	selector := labels.SelectorFromSet(s.Spec.Selector)
	matched := 0
	for _, t := range templates {
		if t.owner.gvk.Kind == "Job" || t.owner.gvk.Kind == "Pod" || !selector.Matches(labels.Set(t.meta.Labels)) {
			continue
		}
		matched++
		for i, p := range s.Spec.Ports {
			target := p.TargetPort
			if target.Type == intstr.Int && target.IntVal == 0 {
				target = intstr.FromInt32(p.Port)
			}
			if !templateHasPort(t.spec, target) {
				bad.add(o, "spec.ports[%d].targetPort: %s has no container port %s", i, t.owner, target.String())
			}
		}
	}
	if matched == 0 {
		bad.add(o, "spec.selector: %v selects no rendered workload", s.Spec.Selector)
	}
}

func templateHasPort(spec *corev1.PodSpec, target intstr.IntOrString) bool {
	for _, c := range spec.Containers {
		for _, p := range c.Ports {
			if (target.Type == intstr.String && p.Name == target.StrVal) || (target.Type == intstr.Int && p.ContainerPort == target.IntVal) {
				return true
			}
		}
	}
	return false
}

// checkReferences: ConfigMaps, Secrets and the ServiceAccount a Pod template names are rendered
// (or declared -external, or marked optional).
func checkReferences(t podTemplate, rendered map[string]bool, bad *problems) {
	o, spec := t.owner, t.spec
	need := func(kind, name string, optional *bool, where string) {
		if name == "" || (optional != nil && *optional) || rendered[kind+"/"+name] {
			return
		}
		bad.add(o, "%s: %s %q is neither rendered nor declared -external", where, kind, name)
	}
	if spec.ServiceAccountName != "" && spec.ServiceAccountName != "default" {
		need("ServiceAccount", spec.ServiceAccountName, nil, "serviceAccountName")
	}
	for _, v := range spec.Volumes {
		if v.ConfigMap != nil {
			need("ConfigMap", v.ConfigMap.Name, v.ConfigMap.Optional, "volume "+v.Name)
		}
		if v.Secret != nil {
			need("Secret", v.Secret.SecretName, v.Secret.Optional, "volume "+v.Name)
		}
	}
	for _, c := range append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...) {
		for _, e := range c.Env {
			if e.ValueFrom == nil {
				continue
			}
			if r := e.ValueFrom.SecretKeyRef; r != nil {
				need("Secret", r.Name, r.Optional, "container "+c.Name+" env "+e.Name)
			}
			if r := e.ValueFrom.ConfigMapKeyRef; r != nil {
				need("ConfigMap", r.Name, r.Optional, "container "+c.Name+" env "+e.Name)
			}
		}
		for _, from := range c.EnvFrom {
			if from.SecretRef != nil {
				need("Secret", from.SecretRef.Name, from.SecretRef.Optional, "container "+c.Name+" envFrom")
			}
			if from.ConfigMapRef != nil {
				need("ConfigMap", from.ConfigMapRef.Name, from.ConfigMapRef.Optional, "container "+c.Name+" envFrom")
			}
		}
	}
}

func checkIngress(o object, ing *networkingv1.Ingress, bad *problems) {
	if ing.Spec.DefaultBackend == nil && len(ing.Spec.Rules) == 0 {
		bad.add(o, "spec: a default backend or at least one rule is required")
	}
	for i, rule := range ing.Spec.Rules {
		rp := field.NewPath("spec", "rules").Index(i)
		if rule.Host != "" {
			for _, msg := range validation.IsWildcardDNS1123Subdomain(rule.Host) {
				if len(validation.IsDNS1123Subdomain(rule.Host)) > 0 {
					bad.add(o, "%s.host: %q: %s", rp, rule.Host, msg)
				}
			}
		}
		if rule.HTTP == nil {
			continue
		}
		if len(rule.HTTP.Paths) == 0 {
			bad.add(o, "%s.http.paths: Required value", rp)
		}
		for j, p := range rule.HTTP.Paths {
			pp := rp.Child("http", "paths").Index(j)
			if p.PathType == nil {
				bad.add(o, "%s.pathType: Required value", pp)
			} else if *p.PathType != networkingv1.PathTypeExact && *p.PathType != networkingv1.PathTypePrefix && *p.PathType != networkingv1.PathTypeImplementationSpecific {
				bad.add(o, "%s.pathType: Unsupported value %q", pp, *p.PathType)
			}
			if !strings.HasPrefix(p.Path, "/") {
				bad.add(o, "%s.path: %q must be absolute", pp, p.Path)
			}
			if p.Backend.Service == nil && p.Backend.Resource == nil {
				bad.add(o, "%s.backend: a service or resource is required", pp)
			}
			if svc := p.Backend.Service; svc != nil {
				if svc.Name == "" {
					bad.add(o, "%s.backend.service.name: Required value", pp)
				}
				if (svc.Port.Name == "") == (svc.Port.Number == 0) {
					bad.add(o, "%s.backend.service.port: exactly one of name or number is required", pp)
				}
			}
		}
	}
}

// checkIngressBackends: each backend Service is rendered and has the port it names.
func checkIngressBackends(o object, objects []object, bad *problems) {
	ing := o.obj.(*networkingv1.Ingress)
	services := map[string]*corev1.Service{}
	for _, other := range objects {
		if s, ok := other.obj.(*corev1.Service); ok {
			services[other.name] = s
		}
	}
	for i, rule := range ing.Spec.Rules {
		if rule.HTTP == nil {
			continue
		}
		for j, p := range rule.HTTP.Paths {
			svc := p.Backend.Service
			if svc == nil {
				continue
			}
			target, ok := services[svc.Name]
			if !ok {
				bad.add(o, "spec.rules[%d].http.paths[%d].backend.service: Service %q is not rendered", i, j, svc.Name)
				continue
			}
			found := false
			for _, port := range target.Spec.Ports {
				if (svc.Port.Name != "" && port.Name == svc.Port.Name) || (svc.Port.Number != 0 && port.Port == svc.Port.Number) {
					found = true
				}
			}
			if !found {
				bad.add(o, "spec.rules[%d].http.paths[%d].backend.service.port: Service %q has no such port", i, j, svc.Name)
			}
		}
	}
}
