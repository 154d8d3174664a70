/** What zod writes when no one translates it: no answer of the gateway's or the mocks' may read like this. */
export const RAW_VALIDATION_TEXT = /Invalid input|expected \w+, received|Unrecognized key|Invalid option|Too (small|big)|Invalid string/;
