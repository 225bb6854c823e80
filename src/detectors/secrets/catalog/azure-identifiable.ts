import type { SecretRuleSpec } from '../types';
import { rx } from './build';

/**
 * Azure's identifiable keys carry a fixed service signature at a fixed offset (`+ASt` in
 * storage keys, `ACDb` in Cosmos DB keys, `AzFu` in Functions keys, `AZDO` in DevOps PATs, …),
 * so they are recognised without the connection string around them. The patterns start with a
 * class: they run (with a left boundary) only over texts that hold the signature.
 */
function identifiable(id: string, description: string, signature: string, before: number, after: string, alphabet = 'A-Za-z0-9+/'): SecretRuleSpec {
  const escaped = signature.replace('+', '\\+');
  return {
    id,
    description,
    category: 'cloud',
    kind: 'token',
    keywords: [signature.toLowerCase()],
    pattern: rx(`(?<![${alphabet}])(?<secret>[${alphabet}]{${before}}${escaped}${after})(?![${alphabet}=])`),
    minEntropy: 4,
  };
}

export const AZURE_IDENTIFIABLE_RULES: readonly SecretRuleSpec[] = [
  identifiable('azure-storage-identifiable-key', 'Azure storage account key (identifiable)', '+ASt', 76, '[A-Za-z0-9+/]{6}=='),
  identifiable('azure-cosmosdb-identifiable-key', 'Azure Cosmos DB key (identifiable)', 'ACDb', 76, '[A-Za-z0-9+/]{6}=='),
  identifiable('azure-service-bus-identifiable-key', 'Azure Service Bus key (identifiable)', '+ASb', 33, '[A-Za-z0-9+/]{5}='),
  identifiable('azure-event-hubs-identifiable-key', 'Azure Event Hubs key (identifiable)', '+AEh', 33, '[A-Za-z0-9+/]{5}='),
  identifiable('azure-functions-identifiable-key', 'Azure Functions key (identifiable)', 'AzFu', 44, '[A-Za-z0-9_-]{5}[AQgw]==', 'A-Za-z0-9_\\-'),
  identifiable('azure-search-identifiable-key', 'Azure AI Search admin key (identifiable)', 'AzSe', 42, '[A-Za-z0-9]{6}', 'A-Za-z0-9'),
  identifiable('azure-container-registry-identifiable-key', 'Azure Container Registry key (identifiable)', '+ACR', 42, '[A-Za-z0-9+/]{6}'),
  identifiable('azure-devops-identifiable-pat', 'Azure DevOps personal access token (identifiable)', 'AZDO', 76, '[A-Za-z0-9]{4}', 'A-Za-z0-9'),
];
