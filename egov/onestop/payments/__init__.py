"""Online payment of a dossier's fees and financial obligations (issue 4, item 5).

- models.py: `Payment` (one attempt through a gateway), `CallbackLog` (every
  callback, accepted or refused), the sandbox bank's own ledger;
- services.py: `start_payment` (the applicant's move) and `handle_ipn` (the
  gateway's signed server-to-server confirmation, the only thing that changes
  a payment); selectors.py: `payment_summary` for the dossier pages, rendered
  by the include "payments/_summary.html";
- gateways/: the interface (base.py) and one folder per gateway: vnpay/
  (VNPAY 2.1.0: signing, the IPN and return endpoints) and sandbox/ (the same
  protocol with a bank played on loopback, for the demo).
"""
