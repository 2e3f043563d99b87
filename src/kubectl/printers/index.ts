// kubectl's printers: tables for `get` (rows built as data, then laid out), the generic
// object printers behind -o, and the small printers other commands share.
export { parseOutputFormat, GENERIC_FORMATS, GET_FORMATS, type OutputFormat, type OutputFlags } from './output-format';
export { genericPrinter, type GenericPrinterOptions, type PrintResult, type ResourcePrinter } from './generic';
export { printableObject, omitManagedFields, type GenericList } from './list';
export { printGetTables, noResourcesFound, HumanReadablePrinter, type GetTableOptions, type HumanReadableOptions, type PrintItem, type WatchEventType } from './table-printer';
export { buildTable, handlerFor } from './table/handlers';
export { podSummary, type PodSummary } from './table/pod';
export { eventsCommandCells, eventsCommandHeader } from './table/event';
export { printNodeMetrics, printPodMetrics, type NodeMetrics, type PodMetrics, type TopOptions, type TopPodOptions } from './table/metrics';
export { translateTimestampSince, type ColumnDefinition, type PrintContext, type Table, type TableRow } from './table/types';
export { TabWriter, KUBECTL_TABWRITER } from './tabwriter';
export { sortObjects } from './sort';
export { printName, type NamePrinterOptions } from './name';
export { printJSON, marshalJSON } from './json';
export { printYAML, marshalYAML } from './yaml';
export { JSONPathPrinter } from './jsonpath';
export { CustomColumnsPrinter, parseCustomColumnsSpec, parseCustomColumnsTemplate, relaxedJSONPathExpression } from './custom-columns';
export { GoTemplatePrinter } from './go-template';
