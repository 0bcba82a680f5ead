import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';

/**
 * Item-level read/write on the table and Query on its indexes. Deliberately narrower than
 * TableV2.grantReadWriteData: no Scan, no DescribeTable, no stream actions, and nothing that can
 * alter or delete the table itself. TransactWriteItems / TransactGetItems are authorised by the
 * per-item actions listed here (Put/Update/Delete/ConditionCheck/Get).
 */
export function tableItemAccess(table: ITableV2): PolicyStatement[] {
  return [
    new PolicyStatement({
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
      ],
      resources: [table.tableArn],
    }),
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [`${table.tableArn}/index/*`],
    }),
  ];
}

/**
 * Acknowledges the one wildcard that tableItemAccess produces. The finding id embeds the table's
 * logical id, so it is computed rather than pasted.
 */
export function acknowledgeIndexWildcard(scope: IConstruct, table: ITableV2): void {
  const tableResource = table.node.defaultChild as CfnElement;
  const logicalId = Stack.of(table).getLogicalId(tableResource);
  Validations.of(scope).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
    reason:
      'Query on the table\'s own GSIs (gsi1, gsi2); index ARNs are "<table>/index/<name>" and the wildcard cannot reach any other table.',
  });
}

/**
 * What every function that reads or writes the table gets: {@link tableItemAccess} on its role and
 * the acknowledgement of that grant's one index wildcard.
 *
 * @example
 * grantTableItemAccess(this.handler.role, props.table);
 */
export function grantTableItemAccess(role: Role, table: ITableV2): void {
  for (const statement of tableItemAccess(table)) role.addToPolicy(statement);
  acknowledgeIndexWildcard(role, table);
}
