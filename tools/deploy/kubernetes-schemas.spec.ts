import {
  customResourceSchemas,
  kubernetesSchemas,
  schemaFileName,
  type CustomResourceDefinition,
  type OpenApiDocument,
} from './kubernetes-schemas';

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** A slice of the Kubernetes OpenAPI document, shaped like the real one. */
const document: OpenApiDocument = {
  definitions: {
    [`${meta}.ObjectMeta`]: {
      description: 'ObjectMeta is metadata that all persisted resources must have.',
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Name must be unique within a namespace.' },
        labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
      },
    },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
    'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': {
      type: 'object',
      properties: { maxUnavailable: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' } },
    },
    'io.k8s.api.policy.v1.PodDisruptionBudget': {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: `#/definitions/${meta}.ObjectMeta` },
        spec: { $ref: '#/definitions/io.k8s.api.policy.v1.PodDisruptionBudgetSpec' },
      },
      'x-kubernetes-group-version-kind': [{ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' }],
    },
    'io.k8s.api.core.v1.ConfigMap': {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        data: { type: 'object', additionalProperties: { type: 'string' } },
      },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'ConfigMap' }],
    },
  },
};

describe('schemaFileName', () => {
  it.each([
    ['v1', 'Service', 'service-v1.json'],
    ['apps/v1', 'Deployment', 'deployment-apps-v1.json'],
    ['networking.k8s.io/v1', 'Ingress', 'ingress-networking-v1.json'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscaler-autoscaling-v2.json'],
    ['monitoring.coreos.com/v1', 'ServiceMonitor', 'servicemonitor-monitoring-v1.json'],
  ])('names %s %s as kubeconform looks it up', (apiVersion, kind, file) => {
    expect(schemaFileName(apiVersion, kind)).toBe(file);
  });
});

describe('kubernetesSchemas', () => {
  const files = kubernetesSchemas(document);

  it('writes one file per kind, with every definition it reaches and none it does not', () => {
    expect([...files.keys()].sort()).toEqual(['configmap-v1.json', 'poddisruptionbudget-policy-v1.json']);
    const pdb = files.get('poddisruptionbudget-policy-v1.json')!;
    expect(Object.keys(pdb.definitions as object).sort()).toEqual(
      [`${meta}.ObjectMeta`, 'io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'io.k8s.apimachinery.pkg.util.intstr.IntOrString'].sort(),
    );
    expect(files.get('configmap-v1.json')!.definitions).toBeUndefined();
  });

  it('rejects properties the API does not define, but keeps maps open', () => {
    const pdb = files.get('poddisruptionbudget-policy-v1.json')!;
    const objectMeta = (pdb.definitions as Record<string, Record<string, unknown>>)[`${meta}.ObjectMeta`]!;
    expect(pdb.additionalProperties).toBe(false);
    expect(objectMeta.additionalProperties).toBe(false);
    expect((objectMeta.properties as Record<string, Record<string, unknown>>).labels!.additionalProperties).toEqual({
      type: ['string', 'null'],
    });
  });

  it('pins apiVersion and kind, and drops descriptions and vendor extensions', () => {
    const pdb = files.get('poddisruptionbudget-policy-v1.json')!;
    const properties = pdb.properties as Record<string, unknown>;
    expect(properties.apiVersion).toEqual({ type: 'string', enum: ['policy/v1'] });
    expect(properties.kind).toEqual({ type: 'string', enum: ['PodDisruptionBudget'] });
    expect(JSON.stringify(pdb)).not.toMatch(/"description"|"x-kubernetes-|"default"/);
  });

  it('accepts an int-or-string as either, and null where the API would', () => {
    const pdb = files.get('poddisruptionbudget-policy-v1.json')!;
    const intOrString = (pdb.definitions as Record<string, unknown>)['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
    expect(intOrString).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] });
  });
});

describe('customResourceSchemas', () => {
  const crd: CustomResourceDefinition = {
    kind: 'CustomResourceDefinition',
    spec: {
      group: 'monitoring.coreos.com',
      names: { kind: 'ServiceMonitor' },
      versions: [
        {
          name: 'v1',
          served: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  properties: {
                    targetPort: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
                    jobLabel: { type: 'string', nullable: true },
                    extra: { type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
                  },
                },
              },
            },
          },
        },
        { name: 'v1alpha1', served: false, schema: { openAPIV3Schema: { type: 'object' } } },
      ],
    },
  };
  const files = customResourceSchemas(crd, document);

  it('writes the served versions only, with the API ObjectMeta for metadata', () => {
    expect([...files.keys()]).toEqual(['servicemonitor-monitoring-v1.json']);
    const schema = files.get('servicemonitor-monitoring-v1.json')!;
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.metadata).toEqual({ $ref: `#/definitions/${meta}.ObjectMeta` });
    expect(Object.keys(schema.definitions as object)).toEqual([`${meta}.ObjectMeta`]);
    expect(properties.apiVersion).toEqual({ type: 'string', enum: ['monitoring.coreos.com/v1'] });
  });

  it('is strict except where the CRD keeps unknown fields, and allows null only where it says nullable', () => {
    const spec = (files.get('servicemonitor-monitoring-v1.json')!.properties as Record<string, Record<string, unknown>>).spec!;
    const properties = spec.properties as Record<string, Record<string, unknown>>;
    expect(spec.additionalProperties).toBe(false);
    expect(properties.extra!.additionalProperties).toBeUndefined();
    expect(properties.jobLabel).toEqual({ type: ['string', 'null'] });
    expect(properties.targetPort).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }] });
  });
});
