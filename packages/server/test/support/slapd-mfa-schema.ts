/**
 * A tiny schema standing in for what an on-prem MFA server keeps in the directory: an auxiliary
 * class whose multi-valued attribute holds a person's enrolled factors (decision 0041). OIDs are
 * under 1.3.6.1.4.1.32473, the enterprise number IANA reserves for documentation (RFC 5612).
 */
export const MFA_FACTOR_ATTRIBUTE = 'desksideMfaFactor';

export const MFA_SCHEMA = `attributetype ( 1.3.6.1.4.1.32473.1.1.1 NAME '${MFA_FACTOR_ATTRIBUTE}'
  DESC 'A second factor the MFA server accepts for this person (test schema)'
  EQUALITY caseExactMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )

objectclass ( 1.3.6.1.4.1.32473.1.2.1 NAME 'desksideMfaUser'
  DESC 'A person who may hold enrolled second factors (test schema)'
  SUP top AUXILIARY
  MAY ${MFA_FACTOR_ATTRIBUTE} )
`;
