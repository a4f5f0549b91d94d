-- Deploy-tool callbacks already handled (POST /api/deployments/argocd and /github), by delivery id
-- (GitHub's X-GitHub-Delivery; for Argo CD Notifications the application, trigger and operation
-- start): a repeated delivery is answered 200 and changes nothing.
CREATE TABLE deployment_delivery (
    delivery_id  VARCHAR(300) NOT NULL PRIMARY KEY,
    tool         VARCHAR(20)  NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
