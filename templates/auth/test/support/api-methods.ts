import type { Template } from 'aws-cdk-lib/assertions';

export interface ApiMethod {
  readonly verb: string;
  /** e.g. `/items/{id}` */
  readonly path: string;
  readonly authorizationType: string;
  /** The logical id of the authorizer, when there is one. */
  readonly authorizer?: string;
}

type Reference = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

/** Every API Gateway method of a stack's template, with its path and how it is authorized. */
export function apiMethods(template: Template): ApiMethod[] {
  const resources = template.findResources('AWS::ApiGateway::Resource');
  const pathOf = (ref: Reference): string => {
    if (!ref.Ref) return ''; // Fn::GetAtt RootResourceId: the API's root
    const resource = resources[ref.Ref]!.Properties as { ParentId: Reference; PathPart: string };
    return `${pathOf(resource.ParentId)}/${resource.PathPart}`;
  };
  return Object.values(template.findResources('AWS::ApiGateway::Method')).map(({ Properties: method }) => ({
    verb: method.HttpMethod,
    path: pathOf(method.ResourceId) || '/',
    authorizationType: method.AuthorizationType,
    authorizer: method.AuthorizerId?.Ref,
  }));
}
